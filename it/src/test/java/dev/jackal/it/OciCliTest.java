package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.http.TcpProxy;
import dev.jackal.test.kube.KubernetesExtension;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.registry.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar publishes a package to a real registry and deploys it from {@code oci://} on the real control plane,
 * through a counting TCP proxy: with {@code --components} naming one component, the bytes read from the registry stay
 * below the size of the component left out.
 */
class OciCliTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.plain();

    private static final int LARGE = 3_000_000;

    @TempDir
    Path work;

    private Jackal.Result jackal(String... args) throws Exception {
        return Jackal.runWith(
                null, Map.of("KUBECONFIG", KUBE.controlPlane().kubeconfig().toString()), args);
    }

    @Test
    void publishThenDeployOnlyTheSelectedComponent() throws Exception {
        Path src = Files.createDirectories(work.resolve("src"));
        byte[] large = new byte[LARGE];
        new Random(11).nextBytes(large);
        Files.write(src.resolve("large.bin"), large);
        Files.writeString(
                src.resolve("config.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: oci-cli\ndata:\n  from: registry\n");
        Files.writeString(
                src.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: oci-cli
                  version: 0.3.0
                components:
                  - name: config
                    required: true
                    manifests:
                      - name: config
                        namespace: oci-cli
                        files:
                          - config.yaml
                  - name: large
                    files:
                      - source: large.bin
                        target: %s
                """
                        .formatted(work.resolve("large-placed.bin")));
        Jackal.Result created =
                jackal("package", "create", src.toString(), "--confirm", "-o", work.toString(), "--no-progress");
        assertEquals(0, created.exitCode(), created.err());
        String archive = created.out().strip();

        String repo = "oci://" + REGISTRY.registry().address() + "/cli";
        Jackal.Result published = jackal("package", "publish", archive, repo, "--plain-http", "--no-progress");
        assertEquals(0, published.exitCode(), published.err());
        assertEquals(repo + "/oci-cli:0.3.0", published.out().strip());
        assertTrue(Skopeo.find()
                .inspectRaw(REGISTRY.registry(), "cli/oci-cli:0.3.0")
                .contains("\"os\":\"multi\""));

        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", REGISTRY.registry().port())) {
            Jackal.Result deployed = jackal(
                    "package",
                    "deploy",
                    "oci://" + proxy.address() + "/cli/oci-cli:0.3.0",
                    "--confirm",
                    "--components",
                    "config",
                    "--plain-http",
                    "--no-progress");
            assertEquals(0, deployed.exitCode(), deployed.err());
            assertTrue(deployed.err().contains("Jackal deployment complete: oci-cli"), deployed.err());
            assertTrue(
                    proxy.bytesReceived() < LARGE / 10,
                    "bytes read from the registry: " + proxy.bytesReceived() + " (the component left out has " + LARGE
                            + ")");
        }
        assertFalse(Files.exists(work.resolve("large-placed.bin")), "the unselected component was not deployed");
        Jackal.Result listed = jackal("package", "list", "--no-progress");
        assertTrue(listed.out().lines().anyMatch(l -> l.startsWith("oci-cli") && l.contains("config")), listed.out());

        Jackal.Result removed = jackal("package", "remove", "oci-cli", "--confirm", "--no-progress");
        assertEquals(0, removed.exitCode(), removed.err());
    }
}
