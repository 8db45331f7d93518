package dev.jackal.cluster;

import dev.jackal.core.event.EventHandler;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Clears the lock an interrupted Helm operation leaves behind. Helm marks a release's newest revision
 * {@code pending-install}, {@code pending-upgrade} or {@code pending-rollback} while it works and refuses any other
 * operation on it ("another operation … is in progress") until that revision ends; a deploy stopped by Ctrl-C or a
 * cancelled CI job never ends it. Helm's own advice is to remove that revision by hand; this does it, with a warning:
 * the revision's release secret ({@code sh.helm.release.v1.<name>.v<n>}) is deleted, and the next install or
 * upgrade takes over the objects it had created (they carry the release's annotations). Jackal holds no lease on a
 * release, so two deploys of the same package into one cluster at once are not supported (README).
 */
final class PendingReleases {

    private final KubernetesClient client;
    private final EventHandler events;

    PendingReleases(KubernetesClient client, EventHandler events) {
        this.client = client;
        this.events = events;
    }

    /** Deletes {@code release}'s newest revision when it is pending; nothing otherwise. */
    void clear(String release, String namespace) {
        Optional<Secret> newest = client
                .secrets()
                .inNamespace(namespace)
                .withLabels(Map.of("owner", "helm", "name", release))
                .list()
                .getItems()
                .stream()
                .max(Comparator.comparingInt(PendingReleases::version));
        if (newest.isEmpty()) {
            return;
        }
        Map<String, String> labels = newest.get().getMetadata().getLabels();
        String status = labels.getOrDefault("status", "");
        if (!status.startsWith("pending-")) {
            return;
        }
        events.warn("helm: release " + release + " in " + namespace + " was left " + status + " at revision "
                + labels.get("version") + " by an operation that did not finish (an interrupted deploy):"
                + " removing that revision so this deploy can go on");
        client.secrets()
                .inNamespace(namespace)
                .withName(newest.get().getMetadata().getName())
                .delete();
    }

    private static int version(Secret secret) {
        try {
            return Integer.parseInt(secret.getMetadata().getLabels().getOrDefault("version", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
