package dev.jackal.injector.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bootstrap objects against golden files, and the pod's mounts against the payload's parts. */
class BootstrapObjectsTest {

    private static final String SHA = "4f0e7a9c2b1d3e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7";

    static InjectorPayload payload(int parts) {
        List<PayloadChunk> chunks = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            chunks.add(PayloadChunk.of(InjectorNames.payloadName(i), ("part " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return new InjectorPayload(SHA, chunks);
    }

    @Test
    void binaryConfigMapMatchesTheGoldenFile() throws Exception {
        Golden.assertMatches(
                "injector-binary-configmap.yaml",
                InjectorConfigMaps.binary("\u007fELF not really".getBytes(StandardCharsets.UTF_8), "init"));
    }

    @Test
    void payloadConfigMapsMatchTheGoldenFile() throws Exception {
        Golden.assertMatches("injector-payload-configmaps.yaml", InjectorConfigMaps.payloads(payload(2), "init"));
    }

    @Test
    void serviceMatchesTheGoldenFiles() throws Exception {
        Golden.assertMatches("injector-service.yaml", InjectorService.service(null, "init"));
        assertEquals(
                32001,
                InjectorService.service(32001, null).getSpec().getPorts().get(0).getNodePort());
        assertThrows(IllegalArgumentException.class, () -> InjectorService.service(70000, null));
    }

    @Test
    void podMatchesTheGoldenFile() throws Exception {
        Golden.assertMatches(
                "injector-pod.yaml", InjectorPod.pod("registry.k8s.io/pause:3.10", "node-a", payload(2), "init"));
    }

    @Test
    void payloadPartsAreCarriedWhole() {
        InjectorPayload payload = payload(3);
        List<String> decoded = InjectorConfigMaps.payloads(payload, null).stream()
                .map(cm -> new String(
                        Base64.getDecoder()
                                .decode(cm.getBinaryData().get(cm.getMetadata().getName())),
                        StandardCharsets.UTF_8))
                .toList();
        assertEquals(List.of("part 0", "part 1", "part 2"), decoded);
    }

    @Test
    void everyPayloadPartIsAVolumeMountedBesideTheBinary() {
        for (int parts : new int[] {1, 2, 14}) {
            InjectorPayload payload = payload(parts);
            Pod pod = InjectorPod.pod("busybox:1.36", "n", payload, null);
            Container container = pod.getSpec().getContainers().get(0);
            Map<String, Volume> volumes =
                    pod.getSpec().getVolumes().stream().collect(Collectors.toMap(Volume::getName, Function.identity()));
            Map<String, VolumeMount> mounts = container.getVolumeMounts().stream()
                    .collect(Collectors.toMap(VolumeMount::getName, Function.identity()));
            assertEquals(parts + 2, volumes.size(), "init, seed and one volume per part");
            assertEquals(volumes.keySet(), mounts.keySet(), "every volume is mounted once");
            for (String name : payload.names()) {
                assertEquals(name, volumes.get(name).getConfigMap().getName());
                assertEquals("/jackal-init/" + name, mounts.get(name).getMountPath());
                assertEquals(name, mounts.get(name).getSubPath());
            }
            assertEquals("/jackal-init/jackal-injector", mounts.get("init").getMountPath());
            assertEquals("jackal-injector", mounts.get("init").getSubPath());
            assertEquals(0777, volumes.get("init").getConfigMap().getDefaultMode());
            assertEquals("/jackal-seed", mounts.get("seed").getMountPath());
            assertTrue(volumes.get("seed").getEmptyDir() != null);
            assertEquals(List.of("/jackal-init/jackal-injector", SHA, "0.0.0.0:5000"), container.getCommand());
        }
    }

    @Test
    void badPayloadsAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new InjectorPayload("abc", payload(1).chunks()));
        assertThrows(IllegalArgumentException.class, () -> new InjectorPayload(SHA, List.of()));
        IllegalArgumentException gap = assertThrows(
                IllegalArgumentException.class,
                () -> new InjectorPayload(
                        SHA,
                        List.of(
                                PayloadChunk.of("jackal-payload-000", new byte[1]),
                                PayloadChunk.of("jackal-payload-002", new byte[1]))));
        assertTrue(gap.getMessage().contains("jackal-payload-001"), gap.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> PayloadChunk.of("jackal-payload-000", new byte[PayloadChunk.MAX_BYTES + 1]));
    }
}
