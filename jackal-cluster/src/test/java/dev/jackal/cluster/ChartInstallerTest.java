package dev.jackal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.cluster.kube.Namespaces;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.event.LogEvent;
import dev.jackal.test.kube.KubernetesExtension;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed upgrade rolls back; a failed first install leaves nothing behind; a release an interrupted operation
 * left pending is taken over.
 */
class ChartInstallerTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    @TempDir
    Path dir;

    private static Kube kube;

    @BeforeAll
    static void connect() {
        kube = Kube.connect(KUBE.controlPlane().kubeconfig());
    }

    @AfterAll
    static void disconnect() {
        kube.close();
    }

    @Test
    void upgradeThatCannotBecomeReadyRollsBackAndTheAppStays() throws Exception {
        Helm.create().withName("rollme").withDir(dir).call();
        Path chart = dir.resolve("rollme");
        Path never = dir.resolve("never-ready.yaml");
        Files.writeString(never, "nodeSelector:\n  jackal.dev/no-such-node: \"true\"\n");
        Path kubeconfig = KUBE.controlPlane().kubeconfig();
        ChartInstaller helm =
                new ChartInstaller(kubeconfig, kube.client(), EventHandler.NONE, Duration.ofSeconds(20), 1);

        namespace("rollback-test");
        helm.apply(chart, "rollme", "rollback-test", List.of(), true);
        ClusterException e = assertThrows(
                ClusterException.class, () -> helm.apply(chart, "rollme", "rollback-test", List.of(never), true));
        assertTrue(e.getMessage().contains("rollme"), e.getMessage());

        Release current = Helm.list().withNamespace("rollback-test").withKubeConfig(kubeconfig).call().stream()
                .filter(r -> r.getName().equals("rollme"))
                .findFirst()
                .orElseThrow();
        assertEquals("deployed", current.getStatus());
        assertEquals("3", current.getRevision(), "revision 2 failed; 3 is the rollback to 1");
    }

    @Test
    void firstInstallThatCannotBecomeReadyIsUninstalled() throws Exception {
        Helm.create().withName("never").withDir(dir).call();
        Path never = dir.resolve("never-ready.yaml");
        Files.writeString(never, "nodeSelector:\n  jackal.dev/no-such-node: \"true\"\n");
        Path kubeconfig = KUBE.controlPlane().kubeconfig();
        ChartInstaller helm = new ChartInstaller(
                kubeconfig, kube.client(), ev -> System.err.println("EV " + ev), Duration.ofSeconds(15), 1);
        namespace("install-fail");
        ClusterException e = assertThrows(
                ClusterException.class,
                () -> helm.apply(dir.resolve("never"), "never", "install-fail", List.of(never), true));
        assertTrue(e.getMessage().contains("never"), e.getMessage());
        assertTrue(
                !e.getMessage().contains("not found"),
                "fails on readiness, not on a missing namespace: " + e.getMessage());
        List<Release> left = Helm.list()
                .withNamespace("install-fail")
                .withKubeConfig(kubeconfig)
                .call();
        assertTrue(
                left.stream().noneMatch(r -> r.getName().equals("never")),
                e.getMessage() + " left: "
                        + left.stream()
                                .map(r -> r.getName() + "=" + r.getStatus())
                                .toList());
    }

    @Test
    void aReleaseLeftPendingByAnInterruptedUpgradeIsTakenOverWithAWarning() throws Exception {
        Helm.create().withName("pendme").withDir(dir).call();
        Path chart = dir.resolve("pendme");
        Path kubeconfig = KUBE.controlPlane().kubeconfig();
        List<String> warnings = new ArrayList<>();
        EventHandler handler = e -> {
            if (e instanceof LogEvent m && m.level() == LogEvent.Level.WARN) {
                warnings.add(m.message());
            }
        };
        ChartInstaller helm = new ChartInstaller(kubeconfig, kube.client(), handler, Duration.ofSeconds(20), 1);
        namespace("pending-test");
        helm.apply(chart, "pendme", "pending-test", List.of(), false);

        // what Helm leaves when its process dies mid-upgrade: revision 2 written as pending-upgrade, never ended
        Secret v1 = kube.client()
                .secrets()
                .inNamespace("pending-test")
                .withName("sh.helm.release.v1.pendme.v1")
                .get();
        String release = decodeRelease(v1.getData().get("release"));
        assertTrue(release.contains("\"status\":\"deployed\""), release);
        String pendingRelease = release.replace("\"status\":\"deployed\"", "\"status\":\"pending-upgrade\"")
                .replace("\"version\":1", "\"version\":2");
        Map<String, String> labels = new HashMap<>(v1.getMetadata().getLabels());
        labels.put("status", "pending-upgrade");
        labels.put("version", "2");
        kube.client()
                .secrets()
                .inNamespace("pending-test")
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("sh.helm.release.v1.pendme.v2")
                        .withLabels(labels)
                        .endMetadata()
                        .withType(v1.getType())
                        .withData(Map.of("release", encodeRelease(pendingRelease)))
                        .build())
                .create();
        // Helm itself refuses the release as it is now
        RuntimeException blocked = assertThrows(RuntimeException.class, () -> Helm.upgrade(chart.toString())
                .install()
                .withName("pendme")
                .withNamespace("pending-test")
                .withKubeConfig(kubeconfig)
                .call());
        assertTrue(blocked.getMessage().contains("another operation"), blocked.getMessage());

        helm.apply(chart, "pendme", "pending-test", List.of(), false);

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(
                warnings.get(0).contains("pendme in pending-test was left pending-upgrade at revision 2"),
                warnings.get(0));
        Release current = Helm.list().withNamespace("pending-test").withKubeConfig(kubeconfig).call().stream()
                .filter(r -> r.getName().equals("pendme"))
                .findFirst()
                .orElseThrow();
        assertEquals("deployed", current.getStatus());
        assertEquals("2", current.getRevision(), "the pending revision 2 was removed and the upgrade wrote 2 again");
    }

    /** A release secret's {@code release} value: base64 (Kubernetes) of base64 (Helm) of gzip of the JSON. */
    private static String decodeRelease(String data) throws IOException {
        byte[] helm = Base64.getDecoder().decode(Base64.getDecoder().decode(data));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(helm))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String encodeRelease(String json) throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return Base64.getEncoder().encodeToString(Base64.getEncoder().encode(gz.toByteArray()));
    }

    private static void namespace(String name) {
        try (Kube kube = Kube.connect(KUBE.controlPlane().kubeconfig())) {
            new Namespaces(kube.client(), EventHandler.NONE, false).ensure(name, null);
        }
    }
}
