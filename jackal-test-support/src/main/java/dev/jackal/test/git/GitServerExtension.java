package dev.jackal.test.git;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real {@link GitServer} for a test class:
 *
 * <pre>{@code @RegisterExtension static final GitServerExtension GIT = new GitServerExtension();}</pre>
 */
public final class GitServerExtension implements BeforeAllCallback, AfterAllCallback {

    private GitServer server;

    /** The running server; only inside the test class's lifecycle. */
    public GitServer server() {
        if (server == null) {
            throw new IllegalStateException("the git server runs only while the test class runs");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = GitServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
