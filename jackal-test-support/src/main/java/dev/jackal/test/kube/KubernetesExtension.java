package dev.jackal.test.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Hands a test class the real {@link KubernetesControlPlane}. It is started once per test JVM (it takes
 * seconds) and stopped when the JVM's tests are done; tests keep apart by using their own namespaces.
 *
 * <pre>{@code @RegisterExtension static final KubernetesExtension KUBE = new KubernetesExtension();}</pre>
 *
 * <p>When the environment names {@code JACKAL_TEST_KUBECONFIG} (a module's surefire configuration sets it to
 * the same path as {@code KUBECONFIG}), the control plane's kubeconfig is copied there. Code that finds the
 * cluster as kubectl does, such as the Go side of helm-java, then reaches this control plane, as it would
 * reach the user's cluster in production. The variable is never the user's own kubeconfig: it is set only by
 * the build.
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
        String link = System.getenv("JACKAL_TEST_KUBECONFIG");
        if (link != null && !link.isBlank()) {
            try {
                Path target = Path.of(link);
                Files.createDirectories(target.toAbsolutePath().getParent());
                Files.copy(controlPlane.kubeconfig(), target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the kubeconfig to " + link, e);
            }
        }
    }
}
