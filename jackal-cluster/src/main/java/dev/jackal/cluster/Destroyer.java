package dev.jackal.cluster;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.ListCommand;
import com.marcnuri.helm.Release;
import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.cluster.kube.Labels;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.wait.Poll;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code destroy} (spec §10): takes back what {@code init} put into the cluster, in an order that never leaves the
 * cluster unusable: the webhook configuration first (its agent is about to go, and a webhook that fails closed
 * would then block every new pod), then jackal's Helm releases, the {@code jackal} namespace (waited for), the
 * agent label of every namespace and the jackal-managed secrets elsewhere ({@code private-registry}, …).
 *
 * <p>Appliance clusters (init with a k3s component) are not supported yet, so there are no clean-up scripts to run.
 */
final class Destroyer {

    /** The mutating webhook configuration the agent component registers (spec §9). */
    static final String WEBHOOK_CONFIGURATION = "jackal";
    /** The label init puts on every namespace the agent must leave alone. */
    static final String AGENT_LABEL = "jackal.dev/agent";

    private static final String RELEASE_PREFIX = "jackal-";

    private final EventHandler events;
    private final Kube kube;

    Destroyer(EventHandler events, Kube kube) {
        this.events = events;
        this.kube = kube;
    }

    DestroyResult destroy(DestroyRequest request) {
        KubernetesClient client = kube.client();
        try {
            deleteWebhookConfiguration(client);
            List<String> releases = uninstallReleases(request.removeComponents());
            deleteNamespace(client, request.timeout());
            List<String> unlabelled = removeAgentLabels(client);
            List<String> secrets = deleteManagedSecrets(client);
            return new DestroyResult(releases, unlabelled, secrets);
        } catch (KubernetesClientException e) {
            throw new ClusterException("destroy: the cluster refused: " + e.getMessage(), e);
        }
    }

    private void deleteWebhookConfiguration(KubernetesClient client) {
        var hooks = client.admissionRegistration().v1().mutatingWebhookConfigurations();
        if (hooks.withName(WEBHOOK_CONFIGURATION).get() != null) {
            hooks.withName(WEBHOOK_CONFIGURATION).delete();
            events.info("deleted the mutating webhook configuration " + WEBHOOK_CONFIGURATION);
        }
    }

    private List<String> uninstallReleases(boolean everywhere) {
        ListCommand list = Helm.list().withKubeConfig(kube.kubeconfig()).all();
        List<Release> found;
        try {
            found = everywhere
                    ? list.allNamespaces().call()
                    : list.withNamespace(Labels.NAMESPACE).call();
        } catch (RuntimeException e) {
            throw new ClusterException("destroy: cannot list the Helm releases: " + e.getMessage(), e);
        }
        ChartInstaller helm = new ChartInstaller(kube.kubeconfig(), kube.client(), events, Duration.ofMinutes(5), 1);
        List<String> removed = new ArrayList<>();
        for (Release release : found) {
            if (release.getName().startsWith(RELEASE_PREFIX)) {
                events.info("uninstalling " + release.getNamespace() + "/" + release.getName());
                helm.uninstall(release.getName(), release.getNamespace());
                removed.add(release.getNamespace() + "/" + release.getName());
            }
        }
        return removed;
    }

    private void deleteNamespace(KubernetesClient client, Duration timeout) {
        if (client.namespaces().withName(Labels.NAMESPACE).get() == null) {
            return;
        }
        events.info("deleting namespace " + Labels.NAMESPACE);
        client.namespaces().withName(Labels.NAMESPACE).delete();
        Poll.until(
                timeout,
                Poll.INTERVAL,
                () -> client.namespaces().withName(Labels.NAMESPACE).get() == null
                        ? null
                        : "its objects and finalizers are still being removed; kubectl get all -n " + Labels.NAMESPACE
                                + " shows what is left, and destroy can be run again",
                () -> "namespace " + Labels.NAMESPACE + " to be deleted");
    }

    private List<String> removeAgentLabels(KubernetesClient client) {
        List<String> unlabelled = new ArrayList<>();
        for (Namespace ns : client.namespaces().list().getItems()) {
            Map<String, String> labels = ns.getMetadata().getLabels();
            if (labels != null && labels.containsKey(AGENT_LABEL)) {
                String name = ns.getMetadata().getName();
                client.namespaces().withName(name).edit(n -> {
                    n.getMetadata().getLabels().remove(AGENT_LABEL);
                    return n;
                });
                unlabelled.add(name);
            }
        }
        if (!unlabelled.isEmpty()) {
            events.info("removed the " + AGENT_LABEL + " label from " + unlabelled.size() + " namespace(s)");
        }
        return unlabelled;
    }

    private List<String> deleteManagedSecrets(KubernetesClient client) {
        List<String> deleted = new ArrayList<>();
        for (Secret secret : client.secrets()
                .inAnyNamespace()
                .withLabel(Labels.MANAGED_BY, Labels.JACKAL)
                .list()
                .getItems()) {
            String ns = secret.getMetadata().getNamespace();
            client.secrets()
                    .inNamespace(ns)
                    .withName(secret.getMetadata().getName())
                    .delete();
            deleted.add(ns + "/" + secret.getMetadata().getName());
        }
        if (!deleted.isEmpty()) {
            events.info("deleted " + deleted.size() + " jackal-managed secret(s)");
        }
        return deleted;
    }
}
