package dev.jackal.test.node;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Hands a test class the one {@link RealNode} of this test JVM: started by the first class that needs it (15–40 s,
 * depending on the machine's load), stopped, with the host restored, when the JVM's tests are done (the root store closes it). A class that
 * closes the node itself (to check the host afterwards) makes the next class start a new one.
 *
 * <pre>{@code @RegisterExtension static final RealNodeExtension NODE = new RealNodeExtension();}</pre>
 *
 * <p>Tests share the node: each uses its own namespace, unique names and NodePorts the apiserver allocates.
 */
public final class RealNodeExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RealNodeExtension.class);

    private RealNode node;

    /** The running node; only inside the test class's lifecycle. */
    public RealNode node() {
        if (node == null) {
            throw new IllegalStateException("the real node is available only while the test class runs");
        }
        return node;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        node = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(Shared.class, key -> new Shared(), Shared.class)
                .current();
    }

    /** The JVM's node, in the root store, which closes it after the last test. */
    static final class Shared implements AutoCloseable {
        private RealNode node;

        synchronized RealNode current() {
            if (node == null || node.isClosed()) {
                node = RealNode.start();
            }
            return node;
        }

        @Override
        public synchronized void close() {
            if (node != null) {
                node.close();
            }
        }
    }
}
