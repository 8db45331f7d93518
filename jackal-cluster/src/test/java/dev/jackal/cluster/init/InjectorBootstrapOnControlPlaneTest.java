package dev.jackal.cluster.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.core.event.EventHandler;
import dev.jackal.injector.bootstrap.Candidate;
import dev.jackal.injector.bootstrap.CandidateImages;
import dev.jackal.injector.bootstrap.CandidateSelection;
import dev.jackal.injector.bootstrap.InjectorPayload;
import dev.jackal.injector.bootstrap.PayloadChunk;
import dev.jackal.test.kube.KubernetesControlPlane;
import dev.jackal.test.kube.KubernetesExtension;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bootstrap on the real control plane, as far as it goes without a kubelet: the objects and their shapes,
 * cleanup, candidates from the cluster's own lists, and the failures (no node, a pod that never gets Ready, a
 * payload that does not verify, a probe that cannot reach the pod). A node object without kwok or kubelet
 * ({@code arm64}, so only arm64 requests pick it, and with room for no pod, so the scheduler never uses it) keeps
 * the injector pod Pending until the test writes its status.
 */
class InjectorBootstrapOnControlPlaneTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    private static final String STILL_NODE = "still-node-0";
    private static final String PAUSE = "registry.k8s.io/pause:3.10";
    private static final byte[] BINARY = "not really the injector".getBytes(StandardCharsets.UTF_8);
    private static KubernetesClient client;

    @BeforeAll
    static void connect() {
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(KUBE.controlPlane().kubeconfigContents()))
                .build();
        client.nodes()
                .resource(new NodeBuilder()
                        .withNewMetadata()
                        .withName(STILL_NODE)
                        .addToLabels("kubernetes.io/arch", "arm64")
                        .addToLabels("kubernetes.io/os", "linux")
                        .endMetadata()
                        .build())
                .create();
    }

    @AfterAll
    static void disconnect() {
        bootstrap(Duration.ofSeconds(1)).cleanup();
        client.nodes().withName(STILL_NODE).delete();
        client.close();
    }

    /**
     * Reports the still node Ready with a fresh heartbeat and lease, and waits until the node controller has taken
     * its not-ready taints away, so that each test starts with a usable node.
     */
    @BeforeEach
    void heartbeat() {
        String now = java.time.Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        for (int attempt = 0; ; attempt++) {
            Node node = client.nodes().withName(STILL_NODE).get();
            node.setStatus(new NodeStatusBuilder()
                    .addNewCondition()
                    .withType("Ready")
                    .withStatus("True")
                    .withReason("KubeletReady")
                    .withLastHeartbeatTime(now)
                    .withLastTransitionTime(now)
                    .endCondition()
                    .withAllocatable(
                            Map.of("cpu", new Quantity("2"), "memory", new Quantity("2Gi"), "pods", new Quantity("0")))
                    .withCapacity(
                            Map.of("cpu", new Quantity("2"), "memory", new Quantity("2Gi"), "pods", new Quantity("0")))
                    .withImages(new ContainerImage(List.of("registry.k8s.io/pause@sha256:ee6521f2", PAUSE), 320_000L))
                    .build());
            try {
                client.nodes().resource(node).updateStatus();
                break;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt > 20) {
                    throw e;
                }
            }
        }
        client.leases()
                .inNamespace("kube-node-lease")
                .resource(new LeaseBuilder()
                        .withNewMetadata()
                        .withName(STILL_NODE)
                        .endMetadata()
                        .withNewSpec()
                        .withHolderIdentity(STILL_NODE)
                        .withLeaseDurationSeconds(40)
                        .withRenewTime(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC))
                        .endSpec()
                        .build())
                .createOr(l -> l.update());
        client.nodes()
                .withName(STILL_NODE)
                .waitUntilCondition(
                        n -> n.getSpec().getTaints() == null
                                || n.getSpec().getTaints().stream()
                                        .noneMatch(t -> !"PreferNoSchedule".equals(t.getEffect())),
                        60,
                        TimeUnit.SECONDS);
    }

    @AfterEach
    void cleanUp() {
        bootstrap(Duration.ofSeconds(1)).cleanup();
    }

    static InjectorPayload payload() {
        return new InjectorPayload(
                "0".repeat(64),
                List.of(
                        PayloadChunk.of("jackal-payload-000", "first".getBytes(StandardCharsets.UTF_8)),
                        PayloadChunk.of("jackal-payload-001", "second".getBytes(StandardCharsets.UTF_8))));
    }

    static BootstrapRequest request(String arch) {
        return new BootstrapRequest(BINARY, payload(), List.of("library/registry:2.8.3"), "init", arch, null, 31999);
    }

    static InjectorBootstrap bootstrap(Duration podReady) {
        return new InjectorBootstrap(
                client,
                EventHandler.NONE,
                new InjectorBootstrap.Timeouts(
                        Duration.ZERO, podReady, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(1)));
    }

    @Test
    void createsEveryObjectAndCleanupRemovesThemAll() {
        ClusterException e = assertThrows(
                ClusterException.class, () -> bootstrap(Duration.ofSeconds(2)).start(request("arm64")));
        assertTrue(e.getMessage().startsWith("unable to perform the injection"), e.getMessage());
        assertTrue(e.getMessage().contains(PAUSE + " on node " + STILL_NODE + ": not Ready after 2s"), e.getMessage());

        ConfigMap binary = client.configMaps()
                .inNamespace("jackal")
                .withName("rust-binary")
                .get();
        assertEquals(
                Base64.getEncoder().encodeToString(BINARY),
                binary.getBinaryData().get("jackal-injector"));
        List<ConfigMap> parts = client.configMaps()
                .inNamespace("jackal")
                .withLabel("jackal-injector", "payload")
                .list()
                .getItems();
        assertEquals(
                List.of("jackal-payload-000", "jackal-payload-001"),
                parts.stream().map(c -> c.getMetadata().getName()).sorted().toList());
        assertEquals("init", parts.get(0).getMetadata().getLabels().get("jackal.dev/package"));
        Service service = client.services()
                .inNamespace("jackal")
                .withName("jackal-injector")
                .get();
        assertEquals("NodePort", service.getSpec().getType());
        int nodePort = service.getSpec().getPorts().get(0).getNodePort();
        assertTrue(nodePort >= 30000 && nodePort != 31999, "assigned " + nodePort);
        Pod pod = client.pods().inNamespace("jackal").withName("injector").get();
        assertEquals(STILL_NODE, pod.getSpec().getNodeName());
        assertEquals(PAUSE, pod.getSpec().getContainers().get(0).getImage());
        assertEquals(1000L, pod.getSpec().getSecurityContext().getRunAsUser());

        bootstrap(Duration.ofSeconds(1)).cleanup();
        assertNull(client.pods().inNamespace("jackal").withName("injector").get());
        assertNull(client.configMaps()
                .inNamespace("jackal")
                .withName("rust-binary")
                .get());
        assertEquals(
                List.of(),
                client.configMaps()
                        .inNamespace("jackal")
                        .withLabel("jackal-injector", "payload")
                        .list()
                        .getItems());
        assertNull(client.services()
                .inNamespace("jackal")
                .withName("jackal-injector")
                .get());
    }

    @Test
    void aPayloadThatDoesNotVerifyIsNamedAtOnce() throws Exception {
        CompletableFuture<Void> failer = CompletableFuture.runAsync(() -> {
            Pod pod = client.pods()
                    .inNamespace("jackal")
                    .withName("injector")
                    .waitUntilCondition(p -> p != null, 60, TimeUnit.SECONDS);
            pod.getStatus().setPhase("Failed");
            pod.getStatus()
                    .setContainerStatuses(List.of(new ContainerStatusBuilder()
                            .withName("injector")
                            .withImage(PAUSE)
                            .withImageID("")
                            .withReady(false)
                            .withRestartCount(0)
                            .withNewState()
                            .withNewTerminated()
                            .withExitCode(134)
                            .withReason("Error")
                            .endTerminated()
                            .endState()
                            .build()));
            client.pods().resource(pod).updateStatus();
        });
        long started = System.nanoTime();
        ClusterException e = assertThrows(
                ClusterException.class, () -> bootstrap(Duration.ofSeconds(50)).start(request("arm64")));
        failer.get(10, TimeUnit.SECONDS);
        assertTrue(e.getMessage().contains("exited with code 134 (Error)"), e.getMessage());
        assertTrue(e.getMessage().contains("the payload checksum did not match"), e.getMessage());
        assertTrue(e.getMessage().contains("its last log line: "), e.getMessage());
        assertTrue(
                System.nanoTime() - started < Duration.ofSeconds(15).toNanos(),
                "did not wait for the readiness timeout");
    }

    @Test
    void noNodeOfThePackagesArchitectureIsOneClearLine() {
        ClusterException e = assertThrows(
                ClusterException.class, () -> bootstrap(Duration.ofSeconds(1)).start(request("s390x")));
        assertTrue(e.getMessage().startsWith("no node can run the injector: "), e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains("node " + KubernetesControlPlane.NODE_NAME
                                + ": its architecture is amd64, the package's is s390x"),
                e.getMessage());
        assertNull(
                client.configMaps()
                        .inNamespace("jackal")
                        .withName("rust-binary")
                        .get(),
                "nothing was created");
    }

    @Test
    void candidatesComeFromTheClustersPodsAndNodeImages() {
        client.pods()
                .inNamespace("default")
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName("uses-busybox")
                        .endMetadata()
                        .withNewSpec()
                        .withNodeName(KubernetesControlPlane.NODE_NAME)
                        .addNewContainer()
                        .withName("main")
                        .withImage("busybox:1.36")
                        .endContainer()
                        .endSpec()
                        .build())
                .createOr(p -> p.update());
        try {
            client.pods()
                    .inNamespace("default")
                    .withName("uses-busybox")
                    .waitUntilCondition(
                            p -> p != null && "Running".equals(p.getStatus().getPhase()), 60, TimeUnit.SECONDS);
            CandidateSelection amd64 = CandidateImages.select(
                    client.nodes().list().getItems(),
                    client.pods().inAnyNamespace().list().getItems(),
                    "amd64");
            assertTrue(
                    amd64.candidates()
                            .contains(new Candidate(
                                    "busybox:1.36", KubernetesControlPlane.NODE_NAME, Candidate.Source.POD)),
                    amd64.toString());
            CandidateSelection arm64 = CandidateImages.select(
                    client.nodes().list().getItems(),
                    client.pods().inAnyNamespace().list().getItems(),
                    "arm64");
            assertEquals(
                    List.of(new Candidate(PAUSE, STILL_NODE, Candidate.Source.NODE_IMAGE_LIST)), arm64.candidates());

            // on kwok the pod gets Ready, but nothing serves behind it: the probe says so
            ClusterException e = assertThrows(ClusterException.class, () -> bootstrap(Duration.ofSeconds(20))
                    .start(new BootstrapRequest(
                            BINARY, payload(), List.of("library/registry:2.8.3"), "init", "amd64", null, null)));
            assertTrue(
                    e.getMessage().contains("busybox:1.36 on node " + KubernetesControlPlane.NODE_NAME + ": "),
                    e.getMessage());
            assertTrue(
                    e.getMessage().contains("/v2/library/registry/manifests/2.8.3")
                            || e.getMessage().contains("port-forward"),
                    e.getMessage());
        } finally {
            client.pods()
                    .inNamespace("default")
                    .withName("uses-busybox")
                    .withGracePeriod(0)
                    .delete();
        }
    }

    @Test
    void aFreeNodePortIsReported() {
        assertNotNull(SeedRegistry.on(30500, PAUSE, STILL_NODE));
        assertEquals(
                "127.0.0.1:30500", SeedRegistry.on(30500, PAUSE, STILL_NODE).address());
    }
}
