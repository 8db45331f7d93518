package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.kube.KubernetesExtension;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code tools wait-for} with the shaded jar against the real control plane. */
class WaitForCliTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    private Jackal.Result jackal(String... args) throws Exception {
        return Jackal.runWith(
                null, Map.of("KUBECONFIG", KUBE.controlPlane().kubeconfig().toString()), args);
    }

    @Test
    void waitsForAPodCreatedMeanwhileAndFailsClearlyOnTimeout() throws Exception {
        Config config =
                Config.fromKubeconfig(Files.readString(KUBE.controlPlane().kubeconfig()));
        try (KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config).build()) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("wait-cli")
                            .endMetadata()
                            .build())
                    .create();
            client.serviceAccounts()
                    .inNamespace("wait-cli")
                    .withName("default")
                    .waitUntilCondition(Objects::nonNull, 60, TimeUnit.SECONDS);
            CompletableFuture<?> created = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                client.resource(
                                """
                                apiVersion: v1
                                kind: Pod
                                metadata: {name: app, labels: {app: cli}}
                                spec:
                                  containers: [{name: app, image: example.invalid/app:1}]
                                """)
                        .inNamespace("wait-cli")
                        .create();
            });

            Jackal.Result ready = jackal(
                    "tools", "wait-for", "pod", "app", "Ready", "-n", "wait-cli", "--timeout", "90s", "--no-progress");
            assertEquals(0, ready.exitCode(), ready.err());
            assertTrue(created.isDone(), "it returned only after the pod was created");
            assertTrue(ready.err().contains("waiting for pod/app in namespace wait-cli to be Ready"), ready.err());

            Jackal.Result phase = jackal(
                    "tools",
                    "wait-for",
                    "po",
                    "app=cli",
                    "{.status.phase}=Running",
                    "--namespace",
                    "wait-cli",
                    "--no-progress");
            assertEquals(0, phase.exitCode(), phase.err());

            Jackal.Result timeout = jackal(
                    "tools",
                    "wait-for",
                    "deployment",
                    "nope",
                    "Available",
                    "-n",
                    "wait-cli",
                    "--timeout",
                    "2s",
                    "--no-progress");
            assertEquals(1, timeout.exitCode(), timeout.err());
            assertTrue(
                    timeout.err()
                            .contains("ERROR: timed out after 2s waiting for deployment/nope in namespace wait-cli to"
                                    + " be Available (not found)"),
                    timeout.err());
            assertFalse(timeout.err().contains("\tat "), timeout.err());
        }
    }

    @Test
    void withoutAKubeconfigAClusterWaitSaysWhatIsMissing(@TempDir Path work) throws Exception {
        Path missing = work.resolve("missing");
        Jackal.Result result = Jackal.runWith(
                null,
                Map.of("KUBECONFIG", missing.toString()),
                "tools",
                "wait-for",
                "pod",
                "app",
                "Ready",
                "--timeout",
                "5s",
                "--no-progress");
        assertEquals(1, result.exitCode(), result.err());
        assertTrue(
                result.err().contains("ERROR: no kubeconfig at " + missing + "; point KUBECONFIG at the cluster's"),
                result.err());
        assertFalse(result.err().contains("\tat "), result.err());
    }
}
