package dev.jackal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.cluster.kube.Labels;
import dev.jackal.cluster.kube.Namespaces;
import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.state.ComponentStatus;
import dev.jackal.core.state.DeployedComponent;
import dev.jackal.core.state.DeployedPackage;
import dev.jackal.core.state.InstalledChart;
import dev.jackal.test.kube.KubernetesExtension;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Package secrets and namespaces on the real control plane, and the secret's shape against a golden file. */
class ClusterStateTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    private static KubernetesClient client;

    private static final JackalPackage PKG = DefinitionReader.parse(
                    Path.of("jackal.yaml"),
                    """
            kind: JackalPackageConfig
            metadata:
              name: golden
              version: 1.0.0
            components:
              - name: web
            """,
                    DefinitionReader.Strictness.LENIENT)
            .pkg();

    @BeforeAll
    static void connect() {
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(KUBE.controlPlane().kubeconfigContents()))
                .build();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    private static DeployedPackage record() {
        return DeployedPackage.start(PKG, "v0.1.0", null)
                .with(new DeployedComponent(
                        "web", List.of(new InstalledChart("web", "podinfo")), ComponentStatus.SUCCEEDED, 1));
    }

    @Test
    void secretMatchesTheGoldenFile() throws Exception {
        String yaml = Serialization.asYaml(PackageSecrets.secret(record()));
        String golden = new String(
                ClusterStateTest.class
                        .getResourceAsStream("/golden/package-secret.yaml")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        assertEquals(golden, yaml);
    }

    @Test
    void packageSecretsAreSavedListedReadAndDeleted() {
        Namespaces namespaces = new Namespaces(client, EventHandler.NONE, false);
        PackageSecrets secrets = new PackageSecrets(client, namespaces);
        secrets.save(record());
        secrets.save(DeployedPackage.start(PKG, "v0.1.0", record()));
        DeployedPackage read = secrets.find("golden").orElseThrow();
        assertEquals(2, read.generation());
        assertEquals(ComponentStatus.SUCCEEDED, read.deployedComponents().get(0).status());
        assertTrue(secrets.list().stream().anyMatch(p -> p.name().equals("golden")));
        secrets.delete("golden");
        assertTrue(secrets.find("golden").isEmpty());
    }

    @Test
    void namespacesAreCreatedLabelledAndTheClustersOwnNeverAdopted() {
        new Namespaces(client, EventHandler.NONE, false).ensure("created-by-jackal", "jackal-abc");
        Namespace created = client.namespaces().withName("created-by-jackal").get();
        assertEquals("jackal", created.getMetadata().getLabels().get(Labels.MANAGED_BY));
        assertEquals("jackal-abc", created.getMetadata().getLabels().get(Labels.HELM_RELEASE));

        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("preexisting")
                        .endMetadata()
                        .build())
                .create();
        new Namespaces(client, EventHandler.NONE, false).ensure("preexisting", "r");
        assertFalse(
                client.namespaces()
                        .withName("preexisting")
                        .get()
                        .getMetadata()
                        .getLabels()
                        .containsKey(Labels.MANAGED_BY),
                "not adopted without --adopt-existing-resources");
        new Namespaces(client, EventHandler.NONE, true).ensure("preexisting", "r");
        assertEquals(
                "jackal",
                client.namespaces()
                        .withName("preexisting")
                        .get()
                        .getMetadata()
                        .getLabels()
                        .get(Labels.MANAGED_BY));
        new Namespaces(client, EventHandler.NONE, true).ensure("default", "r");
        assertFalse(
                client.namespaces()
                        .withName("default")
                        .get()
                        .getMetadata()
                        .getLabels()
                        .containsKey(Labels.MANAGED_BY),
                "default is never adopted");
    }
}
