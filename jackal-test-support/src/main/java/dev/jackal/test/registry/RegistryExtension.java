package dev.jackal.test.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real {@link OciRegistry} for a test class:
 *
 * <pre>{@code @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.withAuth();}</pre>
 */
public final class RegistryExtension implements BeforeAllCallback, AfterAllCallback {

    private final OciRegistry.Variant variant;
    private final Map<String, String> moreUsers;
    private OciRegistry registry;

    private RegistryExtension(OciRegistry.Variant variant) {
        this(variant, Map.of());
    }

    private RegistryExtension(OciRegistry.Variant variant, Map<String, String> moreUsers) {
        this.variant = variant;
        this.moreUsers = Map.copyOf(moreUsers);
    }

    /** The same registry with one more htpasswd user (auth variants only). */
    public RegistryExtension withUser(String user, String password) {
        Map<String, String> users = new LinkedHashMap<>(moreUsers);
        users.put(user, password);
        return new RegistryExtension(variant, users);
    }

    public static RegistryExtension plain() {
        return new RegistryExtension(OciRegistry.Variant.PLAIN);
    }

    public static RegistryExtension withAuth() {
        return new RegistryExtension(OciRegistry.Variant.AUTH);
    }

    public static RegistryExtension withTlsAndAuth() {
        return new RegistryExtension(OciRegistry.Variant.TLS_AUTH);
    }

    /** The running registry; only inside the test class's lifecycle. */
    public OciRegistry registry() {
        if (registry == null) {
            throw new IllegalStateException("the registry runs only while the test class runs");
        }
        return registry;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        registry = OciRegistry.start(variant, moreUsers);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (registry != null) {
            registry.close();
            registry = null;
        }
    }
}
