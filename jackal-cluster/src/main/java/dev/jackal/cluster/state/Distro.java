package dev.jackal.cluster.state;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes distribution, as far as it shows (spec §7.3), and the storage class each one comes with. A pure
 * function over the nodes and namespace names: the first node that tells wins, then the namespaces.
 */
public final class Distro {

    public static final String K3S = "k3s";
    public static final String K3D = "k3d";
    public static final String KIND = "kind";
    public static final String EKS = "eks";
    public static final String GKE = "gke";
    public static final String AKS = "aks";
    public static final String MICROK8S = "microk8s";
    public static final String DOCKER_DESKTOP = "dockerdesktop";
    public static final String RKE2 = "rke2";
    public static final String TKG = "tkg";
    public static final String EKS_ANYWHERE = "eksanywhere";
    public static final String UNKNOWN = "unknown";

    private Distro() {}

    public static String detect(List<Node> nodes, List<String> namespaces) {
        for (Node node : nodes) {
            String distro = fromNode(node);
            if (distro != null) {
                return distro;
            }
        }
        return namespaces.contains("eksa-system") ? EKS_ANYWHERE : UNKNOWN;
    }

    /** The storage class a distribution provides, or the empty string for "the cluster's default". */
    public static String defaultStorageClass(String distro) {
        return switch (distro) {
            case K3S, K3D -> "local-path";
            case KIND, GKE -> "standard";
            case DOCKER_DESKTOP -> "hostpath";
            default -> "";
        };
    }

    private static String fromNode(Node node) {
        String providerId = node.getSpec() == null ? null : node.getSpec().getProviderID();
        if (providerId != null) {
            if (providerId.startsWith("k3s://k3d-")) {
                return K3D;
            }
            if (providerId.startsWith("kind://")) {
                return KIND;
            }
            if (providerId.startsWith("aws:///")) {
                return EKS;
            }
            if (providerId.startsWith("gce://")) {
                return GKE;
            }
            if (providerId.startsWith("azure:///subscriptions")) {
                return AKS;
            }
        }
        Map<String, String> labels = node.getMetadata().getLabels() == null
                ? Map.of()
                : node.getMetadata().getLabels();
        if ("k3s".equals(labels.get("node.kubernetes.io/instance-type"))) {
            return K3S;
        }
        if ("true".equals(labels.get("microk8s.io/cluster"))) {
            return MICROK8S;
        }
        if ("docker-desktop".equals(node.getMetadata().getName())) {
            return DOCKER_DESKTOP;
        }
        return fromImages(node);
    }

    private static String fromImages(Node node) {
        List<ContainerImage> images =
                node.getStatus() == null || node.getStatus().getImages() == null
                        ? List.of()
                        : node.getStatus().getImages();
        for (ContainerImage image : images) {
            for (String name : image.getNames() == null ? List.<String>of() : image.getNames()) {
                if (name.contains("rancher/rancher-agent:v2")) {
                    return RKE2;
                }
                if (name.contains("projects.registry.vmware.com/tkg/tanzu_core/")) {
                    return TKG;
                }
            }
        }
        return null;
    }
}
