package dev.jackal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.cluster.kube.Labels;
import dev.jackal.cluster.kube.Namespaces;
import dev.jackal.core.deploy.ManifestChart;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.event.JackalEvent;
import dev.jackal.core.state.ConnectString;
import dev.jackal.core.template.DeployTemplater;
import dev.jackal.core.template.TemplateValue;
import dev.jackal.test.kube.KubernetesExtension;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post-render duties around helm-java on the real control plane, with a chart that has a hook, a CRD, a
 * {@code lookup}, a Namespace object, a connect Service and deploy-time markers.
 */
class ReleaseDeployerTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    static Kube kube;

    @TempDir
    Path dir;

    final List<JackalEvent> events = new ArrayList<>();

    @BeforeAll
    static void connect() {
        kube = Kube.connect(KUBE.controlPlane().kubeconfig());
    }

    @AfterAll
    static void disconnect() {
        kube.close();
    }

    private ReleaseDeployer deployer(boolean adopt) {
        EventHandler handler = events::add;
        ChartInstaller installer =
                new ChartInstaller(kube.kubeconfig(), kube.client(), handler, Duration.ofSeconds(60), 1);
        return new ReleaseDeployer(
                kube.client(), installer, new Namespaces(kube.client(), handler, adopt), handler, adopt);
    }

    @Test
    void chartIsTemplatedRenderedWithLookupAndItsNamespaceObjectsStayOutOfTheRelease() throws Exception {
        KubernetesClient client = kube.client();
        new Namespaces(client, EventHandler.NONE, false).ensure("pr", null);
        client.configMaps()
                .inNamespace("pr")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("pre-existing")
                        .endMetadata()
                        .addToData("marker", "found-it")
                        .build())
                .create();
        DeployTemplater templater = new DeployTemplater(
                Map.of(
                        "###JACKAL_VAR_SECRET_WORD###",
                        new TemplateValue("s3cret {{ .Values.greeting }}", true, false, false)),
                EventHandler.NONE);

        Map<String, ConnectString> connect = deployer(false)
                .deploy(Path.of("src/test/resources/charts/postrender"), "rel", "pr", List.of(), true, templater, dir);

        ConfigMap settings =
                client.configMaps().inNamespace("pr").withName("rel-settings").get();
        assertEquals("s3cret {{ .Values.greeting }}", settings.getData().get("variable"), "templated, not evaluated");
        assertEquals("found-it", settings.getData().get("seen"), "lookup saw the live object");
        assertEquals("{{ not a template }}", settings.getData().get("braces"));
        ConfigMap hook =
                client.configMaps().inNamespace("pr").withName("rel-hook").get();
        assertNotNull(hook, "the pre-install hook ran");
        assertEquals("s3cret {{ .Values.greeting }}", hook.getData().get("ran"));
        GenericKubernetesResource widget = client.genericKubernetesResources("example.jackal.dev/v1", "Widget")
                .inNamespace("pr")
                .withName("rel-widget")
                .get();
        assertNotNull(widget, "the CRD from crds/ was installed before the custom resource");

        Namespace extra = client.namespaces().withName("pr-extra").get();
        assertEquals("widgets", extra.getMetadata().getLabels().get("team"));
        assertEquals("jackal", extra.getMetadata().getLabels().get(Labels.MANAGED_BY));
        assertEquals("rel", extra.getMetadata().getLabels().get(Labels.HELM_RELEASE));
        assertNotNull(client.configMaps()
                .inNamespace("pr-extra")
                .withName("elsewhere")
                .get());
        assertEquals(Map.of("widgets", new ConnectString("The widget shop", "/shop")), connect);

        String manifest = releaseManifest(client, "pr", "rel", 1);
        assertTrue(manifest.contains("kind: ConfigMap"), manifest);
        assertFalse(manifest.contains("kind: Namespace"), manifest);
        assertFalse(manifest.contains("###JACKAL_"), manifest);

        deployer(false)
                .deploy(
                        Path.of("src/test/resources/charts/postrender"),
                        "rel",
                        "pr",
                        List.of(),
                        true,
                        templater,
                        dir.resolve("again"));
        assertNotNull(releaseManifest(client, "pr", "rel", 2), "a second deploy upgrades the release");

        new ChartInstaller(kube.kubeconfig(), kube.client(), EventHandler.NONE, Duration.ofSeconds(60), 1)
                .uninstall("rel", "pr");
        assertNull(
                client.configMaps().inNamespace("pr").withName("rel-settings").get());
        assertNotNull(client.namespaces().withName("pr-extra").get(), "uninstalling never deletes a namespace");
    }

    @Test
    void existingObjectsAreTakenOverOnlyWhenAdopting() throws Exception {
        KubernetesClient client = kube.client();
        new Namespaces(client, EventHandler.NONE, false).ensure("adopt-test", null);
        client.configMaps()
                .inNamespace("adopt-test")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("legacy")
                        .endMetadata()
                        .addToData("owner", "kubectl")
                        .build())
                .create();
        Path manifest = dir.resolve("legacy.yaml");
        Files.writeString(
                manifest, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: legacy\ndata:\n  owner: jackal\n");
        Path chart = dir.resolve("raw-legacy");
        ManifestChart.write(chart, "raw-legacy", List.of(manifest), 1);

        ClusterException refused = assertThrows(ClusterException.class, () -> deployer(false)
                .deploy(chart, "legacy", "adopt-test", List.of(), false, null, dir.resolve("first")));
        assertTrue(refused.getMessage().contains("legacy"), refused.getMessage());
        assertEquals(
                "kubectl",
                client.configMaps()
                        .inNamespace("adopt-test")
                        .withName("legacy")
                        .get()
                        .getData()
                        .get("owner"));

        deployer(true).deploy(chart, "legacy", "adopt-test", List.of(), false, null, dir.resolve("second"));
        ConfigMap adopted =
                client.configMaps().inNamespace("adopt-test").withName("legacy").get();
        assertEquals("jackal", adopted.getData().get("owner"));
        assertEquals("legacy", adopted.getMetadata().getAnnotations().get("meta.helm.sh/release-name"));
    }

    /** The manifest Helm stored for a revision (the secret holds base64 of gzipped JSON). */
    static String releaseManifest(KubernetesClient client, String namespace, String release, int revision)
            throws Exception {
        Secret secret = client.secrets()
                .inNamespace(namespace)
                .withName("sh.helm.release.v1." + release + ".v" + revision)
                .get();
        assertNotNull(secret, "release secret of " + release + " v" + revision);
        byte[] stored = Base64.getDecoder().decode(secret.getData().get("release"));
        byte[] gzipped = Base64.getDecoder().decode(new String(stored, StandardCharsets.US_ASCII));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            JsonNode json = new ObjectMapper().readTree(in);
            return json.path("manifest").asText();
        }
    }
}
