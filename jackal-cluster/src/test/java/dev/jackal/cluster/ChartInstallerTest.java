package dev.jackal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.cluster.kube.Namespaces;
import dev.jackal.core.event.EventHandler;
import dev.jackal.test.kube.KubernetesExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A failed upgrade rolls back; a failed first install leaves nothing behind. */
class ChartInstallerTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    @TempDir
    Path dir;

    @Test
    void upgradeThatCannotBecomeReadyRollsBackAndTheAppStays() throws Exception {
        Helm.create().withName("rollme").withDir(dir).call();
        Path chart = dir.resolve("rollme");
        Path never = dir.resolve("never-ready.yaml");
        Files.writeString(never, "nodeSelector:\n  jackal.dev/no-such-node: \"true\"\n");
        Path kubeconfig = KUBE.controlPlane().kubeconfig();
        ChartInstaller helm = new ChartInstaller(kubeconfig, EventHandler.NONE, Duration.ofSeconds(20), 1);

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
        ChartInstaller helm =
                new ChartInstaller(kubeconfig, ev -> System.err.println("EV " + ev), Duration.ofSeconds(15), 1);
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

    private static void namespace(String name) {
        try (Kube kube = Kube.connect(KUBE.controlPlane().kubeconfig())) {
            new Namespaces(kube.client(), EventHandler.NONE, false).ensure(name, null);
        }
    }
}
