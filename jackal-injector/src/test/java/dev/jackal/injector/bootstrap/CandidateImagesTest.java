package dev.jackal.injector.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Candidate selection over hand-made node and pod lists, one row per rule. */
class CandidateImagesTest {

    record Case(String name, List<Node> nodes, List<Pod> pods, String arch, List<String> expected, String rejected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                        new Case(
                                "a running pod's image on a fitting node",
                                List.of(node("a").build()),
                                List.of(pod("p", "a", "Running", "nginx:1.27").build()),
                                "amd64",
                                List.of("nginx:1.27@a/POD"),
                                null),
                        new Case(
                                "pods without pull secrets come first",
                                List.of(node("a").build()),
                                List.of(
                                        pod("p", "a", "Running", "private.example/app:1")
                                                .editSpec()
                                                .addNewImagePullSecret("creds")
                                                .endSpec()
                                                .build(),
                                        pod("q", "a", "Running", "nginx:1.27").build()),
                                "amd64",
                                List.of("nginx:1.27@a/POD", "private.example/app:1@a/POD_WITH_PULL_SECRETS"),
                                null),
                        new Case(
                                "init and ephemeral container images count",
                                List.of(node("a").build()),
                                List.of(pod("p", "a", "Running", "app:1")
                                        .editSpec()
                                        .addNewInitContainer()
                                        .withName("i")
                                        .withImage("init:1")
                                        .endInitContainer()
                                        .addNewEphemeralContainer()
                                        .withName("e")
                                        .withImage("debug:1")
                                        .endEphemeralContainer()
                                        .endSpec()
                                        .build()),
                                "amd64",
                                List.of("init:1@a/POD", "app:1@a/POD", "debug:1@a/POD"),
                                null),
                        new Case(
                                "a fresh node offers its sandbox image from status.images, tag name preferred",
                                List.of(node("a")
                                        .editStatus()
                                        .withImages(image(
                                                300_000L,
                                                "registry.k8s.io/pause@sha256:ee6521f2",
                                                "registry.k8s.io/pause:3.10"))
                                        .endStatus()
                                        .build()),
                                List.of(),
                                "amd64",
                                List.of("registry.k8s.io/pause:3.10@a/NODE_IMAGE_LIST"),
                                null),
                        new Case(
                                "pod images before node-listed ones; a node-listed image a pod uses is not repeated",
                                List.of(node("a")
                                        .editStatus()
                                        .withImages(
                                                image(90_000_000L, "big:1"),
                                                image(50_000_000L, "nginx:1.27", "docker.io/library/nginx@sha256:1"),
                                                image(700_000L, "registry.k8s.io/pause:3.10"))
                                        .endStatus()
                                        .build()),
                                List.of(pod("p", "a", "Running", "nginx:1.27").build()),
                                "amd64",
                                List.of(
                                        "nginx:1.27@a/POD",
                                        "registry.k8s.io/pause:3.10@a/NODE_IMAGE_LIST",
                                        "big:1@a/NODE_IMAGE_LIST"),
                                null),
                        new Case(
                                "loopback registry images from an earlier init are skipped",
                                List.of(node("a")
                                        .editStatus()
                                        .withImages(image(1L, "127.0.0.1:31999/library/registry:2.8.3"))
                                        .endStatus()
                                        .build()),
                                List.of(
                                        pod("p", "a", "Running", "127.0.0.1:31999/library/registry:2.8.3")
                                                .build(),
                                        pod("q", "a", "Running", "[::1]:31999/app:1")
                                                .build(),
                                        pod("r", "a", "Running", "app:1").build()),
                                "amd64",
                                List.of("app:1@a/POD"),
                                null),
                        new Case(
                                "pods that are not running offer no image",
                                List.of(node("a").build()),
                                List.of(
                                        pod("p", "a", "Pending", "pending:1").build(),
                                        pod("q", "a", "Succeeded", "done:1").build()),
                                "amd64",
                                List.of(),
                                "node a: no running pod uses an image there"),
                        new Case(
                                "another architecture is rejected",
                                List.of(node("a")
                                        .editMetadata()
                                        .addToLabels("kubernetes.io/arch", "arm64")
                                        .endMetadata()
                                        .build()),
                                List.of(pod("p", "a", "Running", "app:1").build()),
                                "amd64",
                                List.of(),
                                "node a: its architecture is arm64, the package's is amd64"),
                        new Case(
                                "NoSchedule and NoExecute taints reject a node, PreferNoSchedule does not",
                                List.of(
                                        node("a")
                                                .editSpec()
                                                .withTaints(
                                                        taint("node-role.kubernetes.io/control-plane", "NoSchedule"))
                                                .endSpec()
                                                .build(),
                                        node("b")
                                                .editSpec()
                                                .withTaints(taint("dying", "NoExecute"))
                                                .endSpec()
                                                .build(),
                                        node("c")
                                                .editSpec()
                                                .withTaints(taint("soft", "PreferNoSchedule"))
                                                .endSpec()
                                                .build()),
                                List.of(
                                        pod("p", "a", "Running", "a:1").build(),
                                        pod("q", "b", "Running", "b:1").build(),
                                        pod("r", "c", "Running", "c:1").build()),
                                "amd64",
                                List.of("c:1@c/POD"),
                                "node a: it has the taint node-role.kubernetes.io/control-plane:NoSchedule"),
                        new Case(
                                "a node whose pods' requests leave too little is rejected",
                                List.of(node("a")
                                        .editStatus()
                                        .withAllocatable(java.util.Map.of(
                                                "cpu", new Quantity("1"), "memory", new Quantity("1Gi")))
                                        .endStatus()
                                        .build()),
                                List.of(
                                        pod("p", "a", "Running", "app:1")
                                                .editSpec()
                                                .editFirstContainer()
                                                .withNewResources()
                                                .addToRequests("cpu", new Quantity("600m"))
                                                .endResources()
                                                .endContainer()
                                                .endSpec()
                                                .build(),
                                        pod("done", "a", "Failed", "big:1")
                                                .editSpec()
                                                .editFirstContainer()
                                                .withNewResources()
                                                .addToRequests("cpu", new Quantity("1"))
                                                .endResources()
                                                .endContainer()
                                                .endSpec()
                                                .build()),
                                "amd64",
                                List.of(),
                                "node a: it has 0.4 CPU and 1073741824 bytes of memory left"),
                        new Case(
                                "a failed pod's requests do not count",
                                List.of(node("a")
                                        .editStatus()
                                        .withAllocatable(java.util.Map.of(
                                                "cpu", new Quantity("1"), "memory", new Quantity("1Gi")))
                                        .endStatus()
                                        .build()),
                                List.of(
                                        pod("p", "a", "Running", "app:1").build(),
                                        pod("done", "a", "Failed", "big:1")
                                                .editSpec()
                                                .editFirstContainer()
                                                .withNewResources()
                                                .addToRequests("cpu", new Quantity("1"))
                                                .endResources()
                                                .endContainer()
                                                .endSpec()
                                                .build()),
                                "amd64",
                                List.of("app:1@a/POD"),
                                null),
                        new Case(
                                "a node that is not Ready is rejected",
                                List.of(node("a")
                                        .editStatus()
                                        .editFirstCondition()
                                        .withStatus("False")
                                        .endCondition()
                                        .endStatus()
                                        .build()),
                                List.of(pod("p", "a", "Running", "app:1").build()),
                                "amd64",
                                List.of(),
                                "node a: it is not Ready"),
                        new Case(
                                "nodes in name order; pods on other nodes or on none do not count",
                                List.of(node("b").build(), node("a").build()),
                                List.of(
                                        pod("p", "b", "Running", "b:1").build(),
                                        pod("q", "a", "Running", "a:1").build(),
                                        pod("r", null, "Running", "nowhere:1").build()),
                                null,
                                List.of("a:1@a/POD", "b:1@b/POD"),
                                null))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void selectsCandidates(Case c) {
        CandidateSelection selection = CandidateImages.select(c.nodes(), c.pods(), c.arch());
        assertEquals(
                c.expected(),
                selection.candidates().stream()
                        .map(x -> x.image() + "@" + x.nodeName() + "/" + x.source())
                        .toList());
        if (c.rejected() != null) {
            assertTrue(
                    selection.rejectedNodes().stream().anyMatch(r -> r.startsWith(c.rejected())),
                    selection.rejectedNodes().toString());
        }
    }

    static NodeBuilder node(String name) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("kubernetes.io/arch", "amd64")
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .withNewStatus()
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .withAllocatable(java.util.Map.of("cpu", new Quantity("4"), "memory", new Quantity("8Gi")))
                .endStatus();
    }

    static PodBuilder pod(String name, String node, String phase, String image) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .withContainers(
                        new ContainerBuilder().withName("main").withImage(image).build())
                .endSpec()
                .withNewStatus()
                .withPhase(phase)
                .endStatus();
    }

    static ContainerImage image(long size, String... names) {
        return new ContainerImage(Arrays.asList(names), size);
    }

    static io.fabric8.kubernetes.api.model.Taint taint(String key, String effect) {
        return new TaintBuilder().withKey(key).withEffect(effect).build();
    }
}
