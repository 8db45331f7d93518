package dev.jackal.cluster.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.event.LogEvent;
import dev.jackal.core.oci.ImageCopier;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.oci.PullOptions;
import dev.jackal.core.oci.RegistryClient;
import dev.jackal.core.oci.RegistryOptions;
import dev.jackal.injector.InjectorBinary;
import dev.jackal.injector.PayloadChunks;
import dev.jackal.injector.SeedPayload;
import dev.jackal.injector.bootstrap.InjectorPayload;
import dev.jackal.test.node.RealNode;
import dev.jackal.test.node.RealNodeExtension;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.oci.TestImages;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootstrap on a real kubelet: the injector runs from the image the node already has (its sandbox image, seen
 * only in the node's image list), serves the seed image through the NodePort on this host, and cleanup leaves
 * nothing; a payload whose checksum is wrong makes the pod fail and the bootstrap says so at once.
 */
class InjectorBootstrapRealNodeTest {

    @RegisterExtension
    static final RealNodeExtension NODE = new RealNodeExtension();

    @TempDir
    static Path work;

    private static KubernetesClient client;
    private static byte[] binary;
    private static PayloadChunks payload;
    private static ImageReference seedImage;

    @BeforeAll
    static void buildPayload() throws Exception {
        RealNode node = NODE.node();
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(node.controlPlane().kubeconfigContents()))
                .build();
        String address = node.registry().address();
        TestImages.builder()
                .seed(51)
                .layers(2)
                .tag("2.8.3")
                .push(Skopeo.find(), node.registry(), "library/registry", work.resolve("pushed"));
        seedImage = ImageReference.parse(address + "/library/registry:2.8.3");
        RegistryClient registry = RegistryClient.builder()
                .options(address, RegistryOptions.defaults().withPlainHttp(true))
                .build();
        OciLayout layout = OciLayout.create(work.resolve("package-images"));
        new ImageCopier(registry, null).pull(List.of(seedImage), layout, PullOptions.forArchitecture("amd64"));
        payload = SeedPayload.build(layout, List.of(seedImage), work.resolve("payload.tar.gz"));
        try (InputStream in = InjectorBinary.forArch("amd64").open()) {
            binary = in.readAllBytes();
        }
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void theInjectorServesTheSeedImageFromTheNodesOwnImageAndLeavesNothing() {
        List<String> messages = Collections.synchronizedList(new ArrayList<>());
        InjectorBootstrap bootstrap = new InjectorBootstrap(client, e -> {
            if (e instanceof LogEvent log) {
                messages.add(log.message());
            }
        });
        try {
            SeedRegistry seed = bootstrap.start(new BootstrapRequest(
                    binary, InjectorPayload.of(payload), List.of(seedImage.toString()), "init", "amd64", null, 31999));
            assertEquals(RealNode.NODE_NAME, seed.nodeName());
            assertEquals("127.0.0.1:" + seed.nodePort(), seed.address());
            assertTrue(
                    SeedProbe.listening(seed.nodePort(), Duration.ofSeconds(15)), "the node port answers on this host");
            assertNull(SeedProbe.probe(seed.nodePort(), List.of(seedImage.toString()), Duration.ofSeconds(5)));
            assertTrue(
                    SeedProbe.probe(seed.nodePort(), List.of("library/registry:0.0.0-missing"), Duration.ZERO)
                            .contains("HTTP 404"),
                    "unknown tags are 404");
        } finally {
            bootstrap.cleanup();
        }
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
        assertFalse(messages.isEmpty());
    }

    @Test
    void aWrongChecksumFailsThePodAndTheBootstrapSaysSo() {
        InjectorPayload tampered =
                new InjectorPayload("0".repeat(64), InjectorPayload.of(payload).chunks());
        InjectorBootstrap bootstrap = new InjectorBootstrap(client, EventHandler.NONE);
        long started = System.nanoTime();
        try {
            ClusterException e = assertThrows(
                    ClusterException.class,
                    () -> bootstrap.start(new BootstrapRequest(
                            binary, tampered, List.of(seedImage.toString()), "init", "amd64", null, 31999)));
            assertTrue(e.getMessage().contains("the payload checksum did not match"), e.getMessage());
            assertTrue(e.getMessage().contains("its last log line: '"), e.getMessage());
            assertTrue(
                    System.nanoTime() - started < Duration.ofSeconds(55).toNanos(),
                    "did not wait for the readiness timeout");
        } finally {
            bootstrap.cleanup();
        }
    }
}
