package dev.jackal.injector.bootstrap;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Which images the injector pod can run from (spec §7.5 step 1, U's per-node variant): on every Ready node of the
 * package's architecture without a {@code NoSchedule}/{@code NoExecute} taint and with room for the pod's
 * requests, the images its running pods use (those of pods without image pull secrets first), then the images the
 * node itself reports in {@code status.images}. The last source matters on a fresh node: kubelet's sandbox
 * ({@code pause}) image is on every node but in no pod spec. Images from a loopback registry ({@code 127.0.0.1:},
 * {@code [::1]:}, left by an earlier init) are never candidates. A pure function.
 */
public final class CandidateImages {

    private static final String ARCH_LABEL = "kubernetes.io/arch";

    private CandidateImages() {}

    /**
     * @param arch the package's architecture ({@code amd64}, {@code arm64}); null accepts every node
     */
    public static CandidateSelection select(List<Node> nodes, List<Pod> pods, String arch) {
        List<Candidate> candidates = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        List<Node> sorted = nodes.stream()
                .sorted(Comparator.comparing(n -> n.getMetadata().getName()))
                .toList();
        for (Node node : sorted) {
            String name = node.getMetadata().getName();
            List<Pod> onNode = pods.stream()
                    .filter(p -> p.getSpec() != null && name.equals(p.getSpec().getNodeName()))
                    .toList();
            String reason = unusable(node, onNode, arch);
            List<Candidate> found = reason == null ? imagesOn(node, onNode) : List.of();
            if (reason == null && found.isEmpty()) {
                reason = "no running pod uses an image there and it reports no images of its own";
            }
            if (reason != null) {
                rejected.add("node " + name + ": " + reason);
            }
            candidates.addAll(found);
        }
        candidates.sort(Comparator.comparing(Candidate::source)); // stable: node order, then order found
        return new CandidateSelection(candidates, rejected);
    }

    /** Why the injector cannot run on {@code node}, or null when it can. */
    private static String unusable(Node node, List<Pod> onNode, String arch) {
        String nodeArch = architecture(node);
        if (arch != null && !arch.equals(nodeArch)) {
            return "its architecture is " + nodeArch + ", the package's is " + arch;
        }
        if (!ready(node)) {
            return "it is not Ready";
        }
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null
                ? List.of()
                : node.getSpec().getTaints();
        for (Taint taint : taints) {
            if ("NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect())) {
                return "it has the taint " + taint.getKey() + (taint.getValue() == null ? "" : "=" + taint.getValue())
                        + ":" + taint.getEffect();
            }
        }
        NodeResources free = NodeResources.free(node, onNode);
        if (!free.fits(InjectorPod.CPU_REQUEST, InjectorPod.MEMORY_REQUEST)) {
            return "it has " + free.describe() + " left, the injector asks for " + InjectorPod.CPU_REQUEST + " CPU and "
                    + InjectorPod.MEMORY_REQUEST + " memory";
        }
        return null;
    }

    private static List<Candidate> imagesOn(Node node, List<Pod> onNode) {
        String nodeName = node.getMetadata().getName();
        Map<String, Candidate.Source> images = new LinkedHashMap<>();
        for (Pod pod : onNode) {
            if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
                continue;
            }
            Candidate.Source source = pod.getSpec().getImagePullSecrets() == null
                            || pod.getSpec().getImagePullSecrets().isEmpty()
                    ? Candidate.Source.POD
                    : Candidate.Source.POD_WITH_PULL_SECRETS;
            containerImages(pod).filter(CandidateImages::usable).forEach(image -> images.merge(image, source, min()));
        }
        List<ContainerImage> reported =
                node.getStatus() == null || node.getStatus().getImages() == null
                        ? List.of()
                        : node.getStatus().getImages();
        reported.stream()
                .filter(i -> i.getNames() != null && i.getNames().stream().noneMatch(images::containsKey))
                .sorted(Comparator.comparing(i -> i.getSizeBytes() == null ? Long.MAX_VALUE : i.getSizeBytes()))
                .map(CandidateImages::preferredName)
                .filter(Objects::nonNull)
                .forEach(image -> images.putIfAbsent(image, Candidate.Source.NODE_IMAGE_LIST));
        return images.entrySet().stream()
                .map(e -> new Candidate(e.getKey(), nodeName, e.getValue()))
                .toList();
    }

    /** A tag name when the node lists one ({@code registry.k8s.io/pause:3.10}), else a digest name. */
    private static String preferredName(ContainerImage image) {
        List<String> names =
                image.getNames().stream().filter(CandidateImages::usable).toList();
        return names.stream().filter(n -> !n.contains("@")).findFirst().orElse(names.isEmpty() ? null : names.get(0));
    }

    private static Stream<String> containerImages(Pod pod) {
        Stream<String> init =
                nullSafe(pod.getSpec().getInitContainers()).stream().map(Container::getImage);
        Stream<String> main = nullSafe(pod.getSpec().getContainers()).stream().map(Container::getImage);
        Stream<String> ephemeral =
                nullSafe(pod.getSpec().getEphemeralContainers()).stream().map(EphemeralContainer::getImage);
        return Stream.of(init, main, ephemeral).flatMap(s -> s).filter(Objects::nonNull);
    }

    static boolean usable(String image) {
        return !image.isBlank() && !image.startsWith("127.0.0.1:") && !image.startsWith("[::1]:");
    }

    private static String architecture(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        if (labels != null && labels.get(ARCH_LABEL) != null) {
            return labels.get(ARCH_LABEL);
        }
        return node.getStatus() == null || node.getStatus().getNodeInfo() == null
                ? null
                : node.getStatus().getNodeInfo().getArchitecture();
    }

    private static boolean ready(Node node) {
        List<NodeCondition> conditions =
                node.getStatus() == null || node.getStatus().getConditions() == null
                        ? List.of()
                        : node.getStatus().getConditions();
        return conditions.stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static java.util.function.BinaryOperator<Candidate.Source> min() {
        return (a, b) -> a.compareTo(b) <= 0 ? a : b;
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
