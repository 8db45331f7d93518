package dev.jackal.cluster.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jackal.test.kube.KubernetesExtension;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code private-registry} pull secret: its shape against a golden file, and create/repair on the control plane. */
class PullSecretsTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    private static final RegistryTarget TARGET = new RegistryTarget(
            "127.0.0.1:31999",
            "jackal-push",
            "push-secret",
            "jackal-pull",
            "pull-secret",
            true,
            RegistryTarget.Service.REGISTRY);

    @Test
    void secretMatchesTheGoldenFile() throws Exception {
        String golden = new String(
                PullSecretsTest.class
                        .getResourceAsStream("/golden/private-registry-secret.yaml")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        assertEquals(golden, Serialization.asYaml(PullSecrets.secret("podinfo", TARGET)));
    }

    @Test
    void createsAMissingSecretAndRepairsAChangedOrMistypedOne() throws Exception {
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(
                        Files.readString(KUBE.controlPlane().kubeconfig())))
                .build()) {
            for (String ns : new String[] {"pull-a", "pull-b", "pull-c"}) {
                client.namespaces()
                        .resource(new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(ns)
                                .endMetadata()
                                .build())
                        .createOr(n -> n.update());
            }
            client.secrets()
                    .inNamespace("pull-b")
                    .resource(new SecretBuilder(PullSecrets.secret("pull-b", TARGET))
                            .withData(Map.of(PullSecrets.KEY, "e30="))
                            .build())
                    .createOr(s -> s.update());
            client.secrets()
                    .inNamespace("pull-c")
                    .resource(new SecretBuilder()
                            .withNewMetadata()
                            .withName(PullSecrets.NAME)
                            .withNamespace("pull-c")
                            .endMetadata()
                            .withType("Opaque")
                            .withData(Map.of("x", "eQ=="))
                            .build())
                    .createOr(s -> s.update());

            PullSecrets secrets = new PullSecrets(client, TARGET);
            for (String ns : new String[] {"pull-a", "pull-b", "pull-c"}) {
                secrets.ensure(ns);
                Secret live = client.secrets()
                        .inNamespace(ns)
                        .withName(PullSecrets.NAME)
                        .get();
                Secret wanted = PullSecrets.secret(ns, TARGET);
                assertEquals(wanted.getType(), live.getType(), ns);
                assertEquals(wanted.getData(), live.getData(), ns);
                assertEquals("jackal", live.getMetadata().getLabels().get("app.kubernetes.io/managed-by"), ns);
            }
        }
    }
}
