package dev.jackal.cluster;

import dev.jackal.cluster.kube.Namespaces;
import dev.jackal.cluster.push.RegistryListing;
import dev.jackal.cluster.state.JackalState;
import dev.jackal.cluster.state.StateInitializer;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.oci.DockerConfigCredentials;
import dev.jackal.core.oci.RegistryOptions;
import dev.jackal.core.state.DeployedPackage;
import dev.jackal.core.wait.ClusterTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The deploy engine's one entry point: every front end (the CLI, a Maven goal, a Gradle plugin) turns its input
 * into a request, calls one method and turns the result or the {@link dev.jackal.core.JackalException} into
 * messages. The engine reports progress through the {@link EventHandler} only and never prints.
 *
 * <p>An engine holds one connection to one cluster; close it when done.
 */
public final class JackalEngine implements AutoCloseable {

    /** How long a command that can do without the cluster waits for it to answer. */
    private static final Duration OPTIONAL_CLUSTER_PROBE = Duration.ofSeconds(2);

    private final EventHandler events;
    private final Kube kube;

    private JackalEngine(EventHandler events, Kube kube) {
        this.events = events;
        this.kube = kube;
    }

    /** Connects to the cluster kubectl would use ({@code $KUBECONFIG}, else {@code ~/.kube/config}). */
    public static JackalEngine connect(EventHandler events) {
        return new JackalEngine(Objects.requireNonNull(events, "events"), Kube.connect());
    }

    /** Connects to the cluster of {@code kubeconfig}. */
    public static JackalEngine connect(Path kubeconfig, EventHandler events) {
        return new JackalEngine(Objects.requireNonNull(events, "events"), Kube.connect(kubeconfig));
    }

    /** Deploys a package (spec §6). */
    public DeployResult deploy(DeployRequest request) {
        return new DeployResult(new PackageDeployer(events, kube).deploy(request.pkg(), request.options()));
    }

    /** Removes a deployed package or some of its components (spec §6.10). */
    public void remove(RemoveRequest request) {
        new PackageRemover(events, kube)
                .remove(request.packageName(), request.components(), request.workDir(), request.selfCommand());
    }

    /**
     * Initialises the cluster (spec §7): its state, then the init package with the injector bootstrap, the registry
     * and the agent.
     */
    public InitResult init(InitRequest request) {
        return new InitDeployer(events, kube).init(request);
    }

    /** The cluster's jackal state (credentials included: callers print it only when asked), if init ran. */
    public Optional<JackalState> state() {
        return new StateInitializer(kube.client(), events).load();
    }

    /** Takes back what init put into the cluster (spec §10 {@code destroy}). */
    public DestroyResult destroy(DestroyRequest request) {
        return new Destroyer(events, kube).destroy(request);
    }

    /** The packages deployed to the cluster, from their package secrets. */
    public List<DeployedPackage> list() {
        return new PackageSecrets(kube.client(), new Namespaces(kube.client(), events, false)).list();
    }

    /** Waits until {@code target} meets its condition ({@code tools wait-for} and wait actions). */
    public void waitFor(ClusterTarget target, Duration timeout) {
        new KubeWaiter(events, kube.client()).await(target, timeout);
    }

    /**
     * Lists a registry's repositories or a repository's tags ({@code tools registry catalog|ls}, spec §10). Needs no
     * engine: it connects to the cluster of {@code kubeconfig} only to find the state's registry, and lists any other
     * registry without one when the kubeconfig is missing or the cluster does not answer within a second or two.
     */
    public static RegistryListResult listRegistry(Path kubeconfig, RegistryListRequest request, EventHandler events) {
        Objects.requireNonNull(events, "events");
        RegistryOptions options = request.insecure()
                ? RegistryOptions.defaults().withPlainHttpFallback(true).withInsecureSkipTlsVerify(true)
                : RegistryOptions.defaults();
        List<Kube> connected = new ArrayList<>(1);
        Supplier<KubernetesClient> cluster = () -> {
            if (connected.isEmpty()) {
                connected.add(
                        request.target().isEmpty()
                                ? Kube.connect(kubeconfig)
                                : Kube.connectBriefly(kubeconfig, OPTIONAL_CLUSTER_PROBE));
            }
            return connected.get(0).client();
        };
        RegistryListing listing =
                new RegistryListing(events, cluster, options, DockerConfigCredentials.fromEnvironment());
        try {
            RegistryListing.Listing found = request.kind() == RegistryListRequest.Kind.REPOSITORIES
                    ? listing.catalog(request.target())
                    : listing.tags(request.target().orElseThrow());
            return new RegistryListResult(found.registry(), found.names());
        } finally {
            connected.forEach(Kube::close);
        }
    }

    /** As {@link #listRegistry(Path, RegistryListRequest, EventHandler)} with the kubeconfig kubectl would use. */
    public static RegistryListResult listRegistry(RegistryListRequest request, EventHandler events) {
        return listRegistry(Kube.defaultKubeconfig(), request, events);
    }

    @Override
    public void close() {
        kube.close();
    }
}
