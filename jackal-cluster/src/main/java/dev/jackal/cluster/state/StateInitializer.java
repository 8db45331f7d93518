package dev.jackal.cluster.state;

import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.cluster.kube.Labels;
import dev.jackal.cluster.kube.Namespaces;
import dev.jackal.core.event.EventHandler;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes sure the cluster has a jackal state (spec §7.3). The first init detects the distribution, generates the
 * credentials and the agent's PKI, labels every existing namespace {@code jackal.dev/agent=ignore} (except
 * {@code jackal}), creates the {@code jackal} namespace, waits for its {@code default} service account and writes
 * the secret. A later init keeps the state as it is and warns about flags that ask for something else.
 */
public final class StateInitializer {

    /** The agent ignores namespaces with {@code jackal.dev/agent=ignore}. */
    public static final String AGENT_LABEL = "jackal.dev/agent";

    private final KubernetesClient client;
    private final EventHandler events;
    private final Duration serviceAccountTimeout;
    private final Clock clock;

    public StateInitializer(KubernetesClient client, EventHandler events) {
        this(client, events, Duration.ofMinutes(2), Clock.systemUTC());
    }

    StateInitializer(KubernetesClient client, EventHandler events, Duration serviceAccountTimeout, Clock clock) {
        this.client = client;
        this.events = events;
        this.serviceAccountTimeout = serviceAccountTimeout;
        this.clock = clock;
    }

    /** The cluster's state: the existing one, or a new one made from {@code options}. */
    public JackalState init(StateOptions options) {
        Optional<JackalState> existing = load();
        if (existing.isPresent()) {
            List<String> differing = StateDifferences.flagsThatDiffer(existing.get(), options);
            if (!differing.isEmpty()) {
                events.warn("jackal is already initialized in this cluster; its state is kept and these flags are"
                        + " ignored: " + String.join(", ", differing)
                        + " (change credentials with 'jackal tools update-creds')");
            }
            events.info("keeping the existing jackal state");
            return existing.get();
        }
        List<Node> nodes = list(() -> client.nodes().list().getItems(), "nodes");
        List<String> namespaces = list(() -> client.namespaces().list().getItems(), "namespaces").stream()
                .map(ns -> ns.getMetadata().getName())
                .toList();
        String distro = Distro.detect(nodes, namespaces);
        String arch = options.architecture() != null ? options.architecture() : architecture(nodes);
        JackalState state = StateFactory.create(options, distro, arch, clock.instant());
        events.info("new jackal state for a " + state.distro() + " cluster (" + arch + ")");
        events.debug("jackal state: " + state);
        for (String namespace : namespaces) {
            if (!Labels.NAMESPACE.equals(namespace)) {
                ignoreByAgent(namespace);
            }
        }
        new Namespaces(client, events, false).ensure(Labels.NAMESPACE, null);
        markManaged();
        awaitDefaultServiceAccount();
        save(state);
        return state;
    }

    /** The state, when the cluster has one. */
    public Optional<JackalState> load() {
        Secret secret;
        try {
            secret = client.secrets()
                    .inNamespace(Labels.NAMESPACE)
                    .withName(StateSecret.NAME)
                    .get();
        } catch (KubernetesClientException e) {
            throw new ClusterException("cannot read the jackal state: " + e.getMessage(), e);
        }
        return Optional.ofNullable(secret).map(StateSecret::read);
    }

    /** Writes {@code state}, replacing what is there. */
    public void save(JackalState state) {
        try {
            client.secrets()
                    .inNamespace(Labels.NAMESPACE)
                    .resource(StateSecret.secret(state))
                    .createOr(s -> s.update());
        } catch (KubernetesClientException e) {
            // the API server's message names the object and the reason, never the data
            String reason = e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage()
                    : "HTTP " + e.getCode();
            throw new ClusterException("cannot save the jackal state: " + reason, null);
        }
    }

    /** jackal's own namespace is jackal's even when something made it first (a package secret, a user). */
    private void markManaged() {
        try {
            client.namespaces().withName(Labels.NAMESPACE).edit(ns -> {
                Map<String, String> labels = new HashMap<>(
                        ns.getMetadata().getLabels() == null
                                ? Map.of()
                                : ns.getMetadata().getLabels());
                labels.putAll(Labels.managed());
                ns.getMetadata().setLabels(labels);
                return ns;
            });
        } catch (KubernetesClientException e) {
            throw new ClusterException(
                    "cannot label namespace " + Labels.NAMESPACE + " as jackal's: " + e.getMessage(), e);
        }
    }

    private void ignoreByAgent(String namespace) {
        try {
            client.namespaces().withName(namespace).edit(ns -> {
                Map<String, String> labels = new HashMap<>(
                        ns.getMetadata().getLabels() == null
                                ? Map.of()
                                : ns.getMetadata().getLabels());
                labels.put(AGENT_LABEL, "ignore");
                ns.getMetadata().setLabels(labels);
                return ns;
            });
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return; // deleted meanwhile
            }
            throw new ClusterException(
                    "cannot label namespace " + namespace + " " + AGENT_LABEL + "=ignore: " + e.getMessage(), e);
        }
    }

    private void awaitDefaultServiceAccount() {
        long deadline = System.nanoTime() + serviceAccountTimeout.toNanos();
        while (client.serviceAccounts()
                        .inNamespace(Labels.NAMESPACE)
                        .withName("default")
                        .get()
                == null) {
            if (System.nanoTime() > deadline) {
                throw new ClusterException(
                        "the namespace " + Labels.NAMESPACE + " has no default service account after "
                                + serviceAccountTimeout.toSeconds() + "s; is the cluster's controller manager"
                                + " running?",
                        null);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("interrupted while waiting for the jackal namespace", e);
            }
        }
    }

    private static String architecture(List<Node> nodes) {
        return nodes.stream()
                .map(n -> n.getMetadata().getLabels() == null
                        ? null
                        : n.getMetadata().getLabels().get("kubernetes.io/arch"))
                .filter(a -> a != null)
                .findFirst()
                .orElse("amd64");
    }

    private static <T> List<T> list(java.util.function.Supplier<List<T>> call, String what) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw new ClusterException("cannot list the cluster's " + what + ": " + e.getMessage(), e);
        }
    }
}
