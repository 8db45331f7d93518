package dev.jackal.cluster.push;

import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.oci.CredentialProvider;
import dev.jackal.core.oci.Credentials;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.InvalidReferenceException;
import dev.jackal.core.oci.RegistryClient;
import dev.jackal.core.oci.RegistryOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What {@code tools registry catalog} and {@code ls} list (spec §10). The cluster's own registry (no registry named,
 * or the one its state's {@code registryInfo.address} names) is reached as deploys reach it ({@link
 * RegistryConnection}: a port-forward when its NodePort does not answer) with the state's credentials, the pull user
 * for the catalog and the push user for tags, as Zarf does. Any other registry is asked directly with the user's
 * credentials (Docker config and helpers), and needs no cluster: when there is none, or it does not answer, the
 * listing goes on without it.
 */
public final class RegistryListing {

    /** The names and the registry they came from (its address, not a port-forward). */
    public record Listing(String registry, List<String> names) {
        public Listing {
            names = List.copyOf(names);
        }
    }

    private record Cluster(KubernetesClient client, RegistryTarget target) {}

    private final EventHandler events;
    private final Supplier<KubernetesClient> cluster;
    private final RegistryOptions options;
    private final CredentialProvider credentials;
    private final Predicate<String> reachable;

    /**
     * @param cluster connects to the cluster when first asked; throws a {@link ClusterException} when there is none
     *     or it does not answer
     * @param options retries, bounds and TLS for every registry
     * @param credentials for registries other than the cluster's
     */
    public RegistryListing(
            EventHandler events,
            Supplier<KubernetesClient> cluster,
            RegistryOptions options,
            CredentialProvider credentials) {
        this(
                events,
                cluster,
                options,
                credentials,
                address -> PushEndpoint.accepts(address, ImagePushStep.PROBE_TIMEOUT));
    }

    RegistryListing(
            EventHandler events,
            Supplier<KubernetesClient> cluster,
            RegistryOptions options,
            CredentialProvider credentials,
            Predicate<String> reachable) {
        this.events = events;
        this.cluster = cluster;
        this.options = options;
        this.credentials = credentials;
        this.reachable = reachable;
    }

    /** The repositories of {@code registry}, or of the cluster's registry when empty. */
    public Listing catalog(Optional<String> registry) {
        if (registry.isEmpty()) {
            KubernetesClient client;
            try {
                client = cluster.get();
            } catch (ClusterException e) {
                throw new ClusterException(
                        e.getMessage() + "; or name a registry, such as 'jackal tools registry catalog"
                                + " 127.0.0.1:5000'",
                        e);
            }
            RegistryTarget target = RegistryTargets.find(client)
                    .orElseThrow(() -> new ClusterException(
                            "the cluster has no jackal state (no secret " + RegistryTargets.NAMESPACE + "/"
                                    + RegistryTargets.SECRET
                                    + "), so it has no registry to list: name a registry, such as"
                                    + " 'jackal tools registry catalog 127.0.0.1:5000', or run 'jackal init' first",
                            null));
            return viaCluster(
                    new Cluster(client, target), false, c -> c.client().catalog(c.endpoint()));
        }
        String host = registryHost(registry.get());
        Optional<Cluster> ours = clusterOwning(host);
        if (ours.isPresent()) {
            return viaCluster(ours.get(), false, c -> c.client().catalog(c.endpoint()));
        }
        return new Listing(host, direct().catalog(host));
    }

    /** The tags of {@code repository} ({@code registry/path}, without tag or digest). */
    public Listing tags(String repository) {
        ImageReference reference = repository(repository);
        Optional<Cluster> ours = clusterOwning(reference.registry());
        if (ours.isPresent()) {
            return viaCluster(ours.get(), true, c -> c.client().tags(reference.withRegistry(c.endpoint())));
        }
        return new Listing(reference.registry(), direct().tags(reference));
    }

    private Listing viaCluster(Cluster cluster, boolean push, Function<RegistryConnection, List<String>> list) {
        RegistryTarget target = cluster.target();
        Credentials user = push
                ? new Credentials(target.pushUsername(), target.pushPassword())
                : new Credentials(target.pullUsername(), target.pullPassword());
        events.debug("listing the cluster's registry " + target.address() + " as its " + (push ? "push" : "pull")
                + " user '" + user.username() + "'");
        try (RegistryConnection connection =
                RegistryConnection.open(events, cluster.client(), target, user, options, reachable)) {
            return new Listing(target.address(), list.apply(connection));
        }
    }

    /** The cluster and its registry when the cluster's state names {@code host}; empty without a cluster. */
    private Optional<Cluster> clusterOwning(String host) {
        KubernetesClient client;
        Optional<RegistryTarget> target;
        try {
            client = cluster.get();
            target = RegistryTargets.find(client);
        } catch (ClusterException | PushException e) {
            events.debug("the registry " + host + " is listed without the cluster: " + e.getMessage());
            return Optional.empty();
        }
        if (target.isPresent() && target.get().address().equals(host)) {
            return Optional.of(new Cluster(client, target.get()));
        }
        events.debug("the registry " + host + " is not the cluster's"
                + target.map(t -> " (" + t.address() + ")").orElse("") + ": using the Docker config's credentials");
        return Optional.empty();
    }

    private RegistryClient direct() {
        return RegistryClient.builder()
                .credentials(credentials)
                .defaults(options)
                .build();
    }

    /** {@code text} when it is a registry host with an optional port, as in image references. */
    static String registryHost(String text) {
        String reason = "REGISTRY is a host with an optional port, such as 127.0.0.1:31999 or ghcr.io";
        if (text.isBlank() || text.contains("/") || text.contains("@")) {
            throw new InvalidReferenceException(text, reason);
        }
        ImageReference probe;
        try {
            probe = ImageReference.parse(text + "/catalog");
        } catch (InvalidReferenceException e) {
            throw new InvalidReferenceException(text, reason);
        }
        boolean dockerHub = probe.registry().equals(ImageReference.DOCKER_HUB)
                && (text.equals(ImageReference.DOCKER_HUB) || text.equals("index.docker.io"));
        if (!probe.registry().equals(text) && !dockerHub) {
            throw new InvalidReferenceException(
                    text, reason + " (a name without a dot or port, other than localhost, is not taken for a host)");
        }
        return probe.registry();
    }

    /** {@code text} as a repository: a name without tag or digest. */
    static ImageReference repository(String text) {
        ImageReference reference = ImageReference.parse(text);
        if (reference.digest().isPresent()
                || reference.tag().isPresent()
                        && text.endsWith(":" + reference.tag().get())) {
            throw new InvalidReferenceException(
                    text,
                    "REPOSITORY is a registry and a path without tag or digest, such as"
                            + " 127.0.0.1:31999/library/registry");
        }
        return reference;
    }
}
