package dev.jackal.test.kube;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Hands a test class the real {@link KubernetesControlPlane}. It is started once per test JVM (it takes
 * seconds) and stopped when the JVM's tests are done; tests keep apart by using their own namespaces.
 *
 * <pre>{@code @RegisterExtension static final KubernetesExtension KUBE = new KubernetesExtension();}</pre>
 */
public final class KubernetesExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KubernetesExtension.class);

    private KubernetesControlPlane controlPlane;

    /** The running control plane; only inside the test class's lifecycle. */
    public KubernetesControlPlane controlPlane() {
        if (controlPlane == null) {
            throw new IllegalStateException("the control plane is available only while the test class runs");
        }
        return controlPlane;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        controlPlane = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        KubernetesControlPlane.class,
                        key -> KubernetesControlPlane.start(),
                        KubernetesControlPlane.class);
    }
}
