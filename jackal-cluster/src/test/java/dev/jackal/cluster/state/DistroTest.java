package dev.jackal.cluster.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Distribution detection, one row per rule (spec §7.3), and each distribution's storage class. */
class DistroTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "k3d provider      | k3s://k3d-dev-server-0         | -                                   | node-0         | -                                                    | -           | k3d          | local-path",
                "plain k3s provider | k3s://node-0                  | -                                   | node-0         | -                                                    | -           | unknown      | ''",
                "kind              | kind://docker/kind/kind-worker | -                                   | node-0         | -                                                    | -           | kind         | standard",
                "eks               | aws:///eu-west-1a/i-0123       | -                                   | node-0         | -                                                    | -           | eks          | ''",
                "gke               | gce://project/zone/node        | -                                   | node-0         | -                                                    | -           | gke          | standard",
                "aks               | azure:///subscriptions/x/y     | -                                   | node-0         | -                                                    | -           | aks          | ''",
                "k3s label         | -                              | node.kubernetes.io/instance-type=k3s | node-0        | -                                                    | -           | k3s          | local-path",
                "microk8s label    | -                              | microk8s.io/cluster=true            | node-0         | -                                                    | -           | microk8s     | ''",
                "docker desktop    | -                              | -                                   | docker-desktop | -                                                    | -           | dockerdesktop | hostpath",
                "rke2 image        | -                              | -                                   | node-0         | docker.io/rancher/rancher-agent:v2.8.1               | -           | rke2         | ''",
                "tkg image         | -                              | -                                   | node-0         | projects.registry.vmware.com/tkg/tanzu_core/x:v1     | -           | tkg          | ''",
                "eks anywhere      | -                              | -                                   | node-0         | -                                                    | eksa-system | eksanywhere  | ''",
                "nothing tells     | -                              | -                                   | kwok-node-0    | registry.k8s.io/pause:3.10                           | kube-system | unknown      | ''",
            })
    void detects(
            String name,
            String providerId,
            String label,
            String nodeName,
            String image,
            String namespace,
            String distro,
            String storageClass) {
        NodeBuilder node = new NodeBuilder()
                .withNewMetadata()
                .withName(nodeName)
                .endMetadata()
                .withNewSpec()
                .withProviderID(providerId)
                .endSpec()
                .withNewStatus()
                .endStatus();
        if (label != null) {
            String[] kv = label.split("=", 2);
            node.editMetadata().withLabels(Map.of(kv[0], kv[1])).endMetadata();
        }
        if (image != null) {
            node.editStatus().withImages(new ContainerImage(List.of(image), 1L)).endStatus();
        }
        List<Node> nodes = List.of(node.build());
        String detected = Distro.detect(nodes, namespace == null ? List.of() : List.of(namespace));
        assertEquals(distro, detected);
        assertEquals(storageClass, Distro.defaultStorageClass(detected));
    }
}
