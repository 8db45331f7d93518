package dev.jackal.cluster.init;

import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.cluster.kube.Namespaces;
import dev.jackal.core.event.EventHandler;
import dev.jackal.injector.bootstrap.Candidate;
import dev.jackal.injector.bootstrap.CandidateImages;
import dev.jackal.injector.bootstrap.CandidateSelection;
import dev.jackal.injector.bootstrap.InjectorNames;
import dev.jackal.injector.bootstrap.InjectorPod;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the injector (spec §7.5): picks candidate images already on a node, creates {@code rust-binary}, the
 * payload ConfigMaps and the NodePort service, then runs the injector pod from one candidate after the other until
 * one is Ready and serves every seed image's manifest. The seed registry then pulls from
 * {@link SeedRegistry#address()}; {@link #cleanup()} removes every bootstrap object again.
 *
 * <p>{@link #start} begins with a cleanup of what an interrupted init left, and on failure leaves the objects for
 * inspection: call {@link #cleanup()} in a {@code finally}.
 */
public final class InjectorBootstrap {

    /** At most this many candidates are tried, so a cluster full of images fails in minutes, not hours. */
    public static final int MAX_CANDIDATES = 8;

    private static final Duration NODE_PORT_PATIENCE = Duration.ofSeconds(3);

    private final KubernetesClient client;
    private final EventHandler events;
    private final Timeouts timeouts;
    private final InjectorObjects objects;

    /**
     * @param candidates how long to look for a candidate while the cluster shows none (a node still starting)
     * @param podReady how long one candidate's pod may take to become Ready
     * @param probe how long the seed images may take to answer once the pod is Ready
     * @param cleanup how long each deleted object may take to disappear
     * @param podGrace how long a deleted injector pod may take before it is deleted by force (a pod whose node
     *     does not answer is never confirmed gone by its kubelet)
     */
    public record Timeouts(
            Duration candidates, Duration podReady, Duration probe, Duration cleanup, Duration podGrace) {
        public static final Timeouts DEFAULTS = new Timeouts(
                Duration.ofSeconds(30),
                Duration.ofSeconds(60),
                Duration.ofSeconds(15),
                Duration.ofSeconds(60),
                Duration.ofSeconds(10));
    }

    public InjectorBootstrap(KubernetesClient client, EventHandler events) {
        this(client, events, Timeouts.DEFAULTS);
    }

    public InjectorBootstrap(KubernetesClient client, EventHandler events, Timeouts timeouts) {
        this.client = client;
        this.events = events;
        this.timeouts = timeouts;
        this.objects = new InjectorObjects(client, events, timeouts);
    }

    /**
     * Runs the injector and returns where it serves.
     *
     * @throws ClusterException when no node offers a candidate, when the payload does not verify, or when every
     *     candidate failed (the message lists each and why)
     */
    public SeedRegistry start(BootstrapRequest request) {
        List<Candidate> candidates = candidates(request.architecture());
        objects.deleteAll();
        new Namespaces(client, events, false).ensure(InjectorNames.NAMESPACE, null);
        objects.createConfigMaps(request.injectorBinary(), request.payload(), request.packageName());
        int nodePort = objects.createService(request.nodePort(), request.packageName(), request.registryNodePort());
        events.debug("injector service " + InjectorNames.SERVICE + " on node port " + nodePort);
        List<String> failures = new ArrayList<>();
        for (Candidate candidate : candidates.subList(0, Math.min(MAX_CANDIDATES, candidates.size()))) {
            events.info("starting the injector from " + candidate.image() + " on node " + candidate.nodeName());
            String failure = attempt(candidate, request, nodePort);
            if (failure == null) {
                events.info("the injector serves the seed images at 127.0.0.1:" + nodePort);
                return SeedRegistry.on(nodePort, candidate.image(), candidate.nodeName());
            }
            events.warn("the injector did not start from " + candidate.image() + " on node " + candidate.nodeName()
                    + ": " + failure);
            failures.add(candidate.image() + " on node " + candidate.nodeName() + ": " + failure);
        }
        throw new ClusterException(
                "unable to perform the injection: no candidate image served the seed images ("
                        + String.join("; ", failures) + ")",
                null);
    }

    /**
     * Fails in one line, before anything is created, when no node of {@code architecture} offers an image the
     * injector could run from (waiting as {@link #start} does for a node that is still starting).
     *
     * @throws ClusterException naming each node and why it cannot be used
     */
    public void requireCandidate(String architecture) {
        candidates(architecture);
    }

    /** Deletes the injector pod, the payload ConfigMaps, {@code rust-binary} and the service; waits until gone. */
    public void cleanup() {
        objects.deleteAll();
    }

    private List<Candidate> candidates(String arch) {
        long deadline = System.nanoTime() + timeouts.candidates().toNanos();
        while (true) {
            CandidateSelection selection = CandidateImages.select(
                    InjectorObjects.call(
                            "list the nodes", () -> client.nodes().list().getItems()),
                    InjectorObjects.call(
                            "list the pods",
                            () -> client.pods().inAnyNamespace().list().getItems()),
                    arch);
            if (!selection.isEmpty()) {
                return selection.candidates();
            }
            if (System.nanoTime() > deadline) {
                String why = selection.rejectedNodes().isEmpty()
                        ? "the cluster has no nodes"
                        : String.join("; ", selection.rejectedNodes());
                throw new ClusterException(
                        "no node can run the injector: " + why + " (it needs a Ready "
                                + (arch == null ? "" : arch + " ") + "node without NoSchedule/NoExecute taints,"
                                + " 500m CPU and 64Mi memory free, and an image already on it)",
                        null);
            }
            InjectorObjects.sleep(2000);
        }
    }

    /** Runs the pod from {@code candidate}; null when it serves every seed image, else why not. */
    private String attempt(Candidate candidate, BootstrapRequest request, int nodePort) {
        objects.deletePod();
        Pod pod = InjectorPod.pod(candidate.image(), candidate.nodeName(), request.payload(), request.packageName());
        objects.createPod(pod);
        PodVerdict verdict = awaitPod();
        switch (verdict.kind()) {
            case PAYLOAD_FAILED ->
                throw new ClusterException(
                        "the injector pod on node " + candidate.nodeName() + " " + verdict.reason()
                                + " before it served: the payload checksum did not match (or the payload could not be"
                                + " unpacked); its last log line: " + lastLogLine(),
                        null);
            case CANDIDATE_FAILED -> {
                return verdict.reason();
            }
            case STARTING -> {
                return "not Ready after " + timeouts.podReady().toSeconds() + "s (" + verdict.reason() + ")";
            }
            default -> {
                return probe(request.seedImages(), nodePort);
            }
        }
    }

    private PodVerdict awaitPod() {
        long deadline = System.nanoTime() + timeouts.podReady().toNanos();
        while (true) {
            PodVerdict verdict = PodVerdict.of(InjectorObjects.call("read the injector pod", () -> client.pods()
                    .inNamespace(InjectorNames.NAMESPACE)
                    .withName(InjectorNames.POD)
                    .get()));
            if (verdict.kind() != PodVerdict.Kind.STARTING || System.nanoTime() > deadline) {
                return verdict;
            }
            InjectorObjects.sleep(500);
        }
    }

    /**
     * Probes through the node port on this host when it answers there (when this host is a node, kube-proxy opens
     * it within a second or two of the pod's readiness), else through a port-forward to the pod.
     */
    private String probe(List<String> images, int nodePort) {
        if (SeedProbe.listening(nodePort, NODE_PORT_PATIENCE)) {
            return SeedProbe.probe(nodePort, images, timeouts.probe());
        }
        try (LocalPortForward forward = client.pods()
                .inNamespace(InjectorNames.NAMESPACE)
                .withName(InjectorNames.POD)
                .portForward(InjectorNames.PORT)) {
            String failure = SeedProbe.probe(forward.getLocalPort(), images, timeouts.probe());
            return failure == null ? null : failure + " (through a port-forward to the pod)";
        } catch (IOException | KubernetesClientException e) {
            return "cannot port-forward to the injector pod: " + e.getMessage();
        }
    }

    /** The pod's last log line, asked once: the client's retries would add half a minute when the node is gone. */
    private String lastLogLine() {
        Config once = new ConfigBuilder(client.getConfiguration())
                .withRequestRetryBackoffLimit(0)
                .build();
        try (KubernetesClient logs =
                new KubernetesClientBuilder().withConfig(once).build()) {
            String log = logs.pods()
                    .inNamespace(InjectorNames.NAMESPACE)
                    .withName(InjectorNames.POD)
                    .getLog();
            String last = log == null
                    ? null
                    : log.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse(null);
            if (last == null) {
                return "(the log is empty)";
            }
            return "'" + (last.length() > 300 ? last.substring(0, 300) + "…" : last) + "'";
        } catch (KubernetesClientException e) {
            String why = e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage()
                    : e.getMessage();
            return "(the log cannot be read: " + why + ")";
        }
    }
}
