package dev.jackal.cluster;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.UpgradeCommand;
import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.core.event.EventHandler;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Installs or upgrades a release with the real Helm (helm-java), as standard Helm release secrets. With
 * waiting on, the operation is atomic: a failed upgrade rolls back to the last deployed revision (the
 * running app stays) and a failed first install is uninstalled. Attempts are retried.
 */
public final class ChartInstaller {

    private final Path kubeconfig;
    private final PendingReleases pending;
    private final EventHandler events;
    private final Duration timeout;
    private final int attempts;

    public ChartInstaller(
            Path kubeconfig, KubernetesClient client, EventHandler events, Duration timeout, int attempts) {
        this.kubeconfig = kubeconfig;
        this.pending = new PendingReleases(client, events);
        this.events = events;
        this.timeout = timeout;
        this.attempts = Math.max(1, attempts);
    }

    /** Installs or upgrades {@code release} from {@code chart} (a directory or .tgz) with the values files in order. */
    public Release apply(Path chart, String release, String namespace, List<Path> values, boolean wait) {
        pending.clear(release, namespace);
        boolean existed = exists(release, namespace);
        RuntimeException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                UpgradeCommand command = Helm.upgrade(chart.toString())
                        .install()
                        .withName(release)
                        .withNamespace(namespace)
                        .withKubeConfig(kubeconfig)
                        .withTimeout((int) timeout.toSeconds());
                if (wait) {
                    command.atomic().waitReady();
                }
                values.forEach(command::withValuesFile);
                events.info(
                        "helm: " + release + " in " + namespace + (attempt > 1 ? " (attempt " + attempt + ")" : ""));
                try (NativeSignals guard = NativeSignals.guard()) {
                    return command.call();
                }
            } catch (RuntimeException e) {
                last = e;
                events.warn("helm: " + release + " failed: " + e.getMessage());
            }
        }
        if (!existed) {
            // helm-java's upgrade --install does not carry --atomic into a first install: clean up here
            uninstall(release, namespace);
        }
        throw new ClusterException(
                "unable to install chart " + release + " in " + namespace + " after " + attempts + " attempt(s): "
                        + (last == null ? "" : last.getMessage()),
                last);
    }

    private boolean exists(String release, String namespace) {
        try {
            return Helm.list().withNamespace(namespace).withKubeConfig(kubeconfig).call().stream()
                    .anyMatch(r -> r.getName().equals(release));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Uninstalls {@code release}; a release that is gone already is only a warning. */
    public void uninstall(String release, String namespace) {
        try {
            Helm.uninstall(release)
                    .withNamespace(namespace)
                    .withKubeConfig(kubeconfig)
                    .ignoreNotFound()
                    .call();
        } catch (RuntimeException e) {
            events.warn("helm: cannot uninstall " + release + " in " + namespace + ": " + e.getMessage());
        }
    }
}
