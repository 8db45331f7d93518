package dev.jackal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import dev.jackal.test.kube.KubernetesExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Helm inside helm-java installs, waits for and upgrades a chart on the real control plane (pods
 * made Ready by kwok): the ground the deploy command stands on.
 */
class HelmOnControlPlaneTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    @TempDir
    Path dir;

    @Test
    void installWaitsForReadyPodsAndUpgradeBumpsTheRevision() {
        Helm.create().withName("probe").withDir(dir).call();
        Path chart = dir.resolve("probe");
        Path kubeconfig = KUBE.controlPlane().kubeconfig();
        Release installed = Helm.install(chart.toString())
                .withName("probe")
                .withNamespace("helm-probe")
                .createNamespace()
                .waitReady()
                .withTimeout(120)
                .withKubeConfig(kubeconfig)
                .call();
        assertEquals("deployed", installed.getStatus());
        assertEquals("1", installed.getRevision());

        Release upgraded = Helm.upgrade(chart.toString())
                .withName("probe")
                .withNamespace("helm-probe")
                .waitReady()
                .withTimeout(120)
                .withKubeConfig(kubeconfig)
                .call();
        assertEquals("2", upgraded.getRevision());

        List<Release> releases = Helm.list()
                .withNamespace("helm-probe")
                .withKubeConfig(kubeconfig)
                .call();
        assertTrue(releases.stream().anyMatch(r -> r.getName().equals("probe")), releases.toString());
    }
}
