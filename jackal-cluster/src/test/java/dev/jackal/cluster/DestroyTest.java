package dev.jackal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import dev.jackal.cluster.kube.Labels;
import dev.jackal.core.event.EventHandler;
import dev.jackal.test.kube.KubernetesExtension;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code destroy} on the real control plane: what a stand-in for init puts into the cluster (namespace labels, the
 * jackal namespace and its state secret, a Helm release with an object outside the namespace, a pull secret in a
 * package namespace, the agent's webhook configuration) is taken back object by object.
 */
class DestroyTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    @Test
    void destroyLeavesTheClusterAsBeforeInit() throws Exception {
        try (JackalEngine engine = JackalEngine.connect(KUBE.controlPlane().kubeconfig(), EventHandler.NONE);
                KubernetesClient client = client()) {
            // other tests of this JVM may have left jackal objects: start from a cluster without jackal
            engine.destroy(new DestroyRequest(false, Duration.ofMinutes(2)));
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("app")
                            .endMetadata()
                            .build())
                    .serverSideApply();
            Map<String, String> before = snapshot(client);

            pretendInit(client);
            assertNotEquals(before, snapshot(client), "the stand-in init changed the cluster");

            DestroyResult result = engine.destroy(new DestroyRequest(false, Duration.ofMinutes(2)));

            assertEquals(before, snapshot(client));
            assertEquals(List.of("jackal/jackal-docker-registry"), result.releases());
            assertTrue(
                    result.unlabelledNamespaces().containsAll(List.of("default", "kube-public", "app")),
                    result.unlabelledNamespaces().toString());
            assertEquals(List.of("app/private-registry"), result.secrets());
            // the webhook, which would fail closed without its agent, no longer stands between the user and a pod
            client.pods()
                    .inNamespace("app")
                    .resource(new PodBuilder()
                            .withNewMetadata()
                            .withName("after-destroy")
                            .endMetadata()
                            .withNewSpec()
                            .addNewContainer()
                            .withName("c")
                            .withImage("busybox")
                            .endContainer()
                            .endSpec()
                            .build())
                    .create();
        }
    }

    @Test
    void destroyOnAClusterWithoutJackalChangesNothing() {
        try (JackalEngine engine = JackalEngine.connect(KUBE.controlPlane().kubeconfig(), EventHandler.NONE);
                KubernetesClient client = client()) {
            engine.destroy(new DestroyRequest(false, Duration.ofMinutes(2)));
            Map<String, String> before = snapshot(client);
            DestroyResult again = engine.destroy(new DestroyRequest(false, Duration.ofMinutes(2)));
            assertEquals(before, snapshot(client));
            assertEquals(new DestroyResult(List.of(), List.of(), List.of()), again);
        }
    }

    private static KubernetesClient client() {
        return new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(KUBE.controlPlane().kubeconfigContents()))
                .build();
    }

    private static void pretendInit(KubernetesClient client) {
        for (String ns : List.of("default", "kube-public", "app")) {
            client.namespaces().withName(ns).edit(n -> {
                n.getMetadata().getLabels().put(Destroyer.AGENT_LABEL, "ignore");
                return n;
            });
        }
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(Labels.NAMESPACE)
                        .withLabels(Labels.managed())
                        .endMetadata()
                        .build())
                .create();
        client.secrets()
                .inNamespace(Labels.NAMESPACE)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("jackal-state")
                        .withLabels(Labels.managed())
                        .endMetadata()
                        .withStringData(Map.of("state", "{}"))
                        .build())
                .create();
        client.secrets()
                .inNamespace("app")
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("private-registry")
                        .withLabels(Labels.managed())
                        .endMetadata()
                        .withType("kubernetes.io/dockerconfigjson")
                        .withStringData(Map.of(".dockerconfigjson", "{\"auths\":{}}"))
                        .build())
                .create();
        Helm.install(Path.of("src/test/resources/charts/init-footprint").toString())
                .withName("jackal-docker-registry")
                .withNamespace(Labels.NAMESPACE)
                .withKubeConfig(KUBE.controlPlane().kubeconfig())
                .call();
        client.admissionRegistration()
                .v1()
                .mutatingWebhookConfigurations()
                .resource(new MutatingWebhookConfigurationBuilder()
                        .withNewMetadata()
                        .withName(Destroyer.WEBHOOK_CONFIGURATION)
                        .endMetadata()
                        .addNewWebhook()
                        .withName("agent-pod.jackal.dev")
                        .withNewClientConfig()
                        .withNewService()
                        .withName("agent-hook")
                        .withNamespace(Labels.NAMESPACE)
                        .withPath("/mutate/pod")
                        .endService()
                        .endClientConfig()
                        .addNewRule()
                        .withApiGroups("")
                        .withApiVersions("v1")
                        .withResources("pods")
                        .withOperations("CREATE")
                        .endRule()
                        .withFailurePolicy("Fail")
                        .withSideEffects("None")
                        .withAdmissionReviewVersions("v1")
                        .endWebhook()
                        .build())
                .create();
    }

    /** Every namespace with its labels, secret, config map and webhook configuration, by kind/namespace/name. */
    private static Map<String, String> snapshot(KubernetesClient client) {
        Map<String, String> objects = new TreeMap<>();
        client.namespaces()
                .list()
                .getItems()
                .forEach(ns -> objects.put(
                        "namespace/" + ns.getMetadata().getName(),
                        new TreeMap<>(ns.getMetadata().getLabels()).toString()));
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(client.secrets().inAnyNamespace().list().getItems());
        all.addAll(client.configMaps().inAnyNamespace().list().getItems());
        all.addAll(client.admissionRegistration()
                .v1()
                .mutatingWebhookConfigurations()
                .list()
                .getItems());
        for (HasMetadata o : all) {
            objects.put(
                    o.getKind() + "/" + o.getMetadata().getNamespace() + "/"
                            + o.getMetadata().getName(),
                    new TreeMap<>(
                                    o.getMetadata().getLabels() == null
                                            ? Map.of()
                                            : o.getMetadata().getLabels())
                            .toString());
        }
        return objects;
    }
}
