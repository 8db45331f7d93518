package dev.jackal.initpackage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import dev.jackal.core.archive.ExtractOptions;
import dev.jackal.core.archive.SafeExtractor;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.load.PackageLoader;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.Constant;
import dev.jackal.core.model.FileSpec;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.model.PackageKind;
import dev.jackal.core.model.Variable;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.render.ReleaseChart;
import dev.jackal.core.render.RenderedDocument;
import dev.jackal.core.render.RenderedOutput;
import dev.jackal.core.template.DeployTemplater;
import dev.jackal.core.template.TemplateValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the init package the module's build made, with core's loader and renderer. */
class InitPackageTest {

    private static final String SEED = "127.0.0.1:32001";
    private static final String REGISTRY = "127.0.0.1:31999";

    @TempDir
    static Path work;

    private static LoadedPackage loaded;

    @BeforeAll
    static void load() throws Exception {
        Path archive = Path.of(System.getProperty("jackal.initPackage"));
        assertTrue(Files.isRegularFile(archive), "built by the module's package phase: " + archive);
        loaded = new PackageLoader(EventHandler.NONE, Files.createDirectories(work.resolve("load")))
                .load(archive, Optional.empty());
    }

    @AfterAll
    static void close() {
        if (loaded != null) {
            loaded.close();
        }
    }

    @Test
    void componentsAreTheInitComponentsInSpecOrder() {
        JackalPackage pkg = loaded.pkg();
        assertEquals(PackageKind.JackalInitConfig, pkg.kind());
        assertEquals("init", pkg.metadata().name());
        assertEquals(System.getProperty("jackal.version"), pkg.metadata().version());
        assertEquals("amd64", pkg.metadata().architecture());
        assertEquals(
                List.of("jackal-injector", "jackal-seed-registry", "jackal-registry", "jackal-agent"),
                pkg.components().stream().map(Component::name).toList());
        assertTrue(pkg.components().stream().allMatch(c -> Boolean.TRUE.equals(c.required())));
        assertEquals(
                "jackal-init-amd64-" + pkg.metadata().version() + ".tar.zst",
                loaded.source().getFileName().toString());
    }

    @Test
    void imagesAreTheBuiltImagesWithTheirDigests() {
        OciLayout packaged = OciLayout.open(loaded.layout().images());
        OciLayout built = OciLayout.open(Path.of(System.getProperty("jackal.initImages")));
        String registryTag = System.getProperty("jackal.registryVersion").replaceFirst("^v", "");
        List<String> expected = List.of(
                "jackal.dev/library/registry:" + registryTag,
                "jackal.dev/jackal/agent:" + System.getProperty("jackal.version"));
        assertEquals(expected, loaded.images());
        for (String name : expected) {
            ImageReference reference = ImageReference.parse(name);
            Descriptor entry = packaged.findEntry(reference).orElseThrow(() -> new AssertionError(name));
            assertEquals(built.findEntry(reference).orElseThrow().digest(), entry.digest(), name);
            for (Descriptor blob :
                    packaged.read(entry.digest(), entry.mediaType(), name).blobs()) {
                assertTrue(packaged.hasBlob(blob.digest()), name + " " + blob);
            }
        }
        assertEquals(
                List.of("jackal.dev/library/registry:" + registryTag),
                component("jackal-seed-registry").images());
        assertEquals(
                component("jackal-seed-registry").images(),
                component("jackal-registry").images());
    }

    @Test
    void injectorFileIsPinnedToTheBuiltBinary() throws Exception {
        FileSpec file = component("jackal-injector").files().get(0);
        String built = AgentRuntime.sha256(Path.of(System.getProperty("jackal.injectorFile")));
        assertEquals(built, file.shasum());
        assertEquals("###JACKAL_TEMP###/jackal-injector", file.target());
        assertEquals(Boolean.TRUE, file.executable());
        Path dir = unpack("jackal-injector");
        assertEquals(built, AgentRuntime.sha256(dir.resolve("jackal-injector/files/0/jackal-injector")));
    }

    @Test
    void seedRegistryChartRendersWithTheInjectorAsItsRegistry() throws Exception {
        Map<String, RenderedDocument> docs = render("jackal-seed-registry", 2);
        String deployment = docs.get("Deployment/jackal-docker-registry").content();
        assertTrue(deployment.contains("image: \"" + SEED + "/library/registry:"), deployment);
        assertFalse(
                docs.containsKey("HorizontalPodAutoscaler/jackal-docker-registry"),
                docs.keySet().toString());
    }

    @Test
    void registryChartRendersPerSpec() throws Exception {
        Map<String, RenderedDocument> docs = render("jackal-registry", 1);
        String deployment = docs.get("Deployment/jackal-docker-registry").content();
        assertTrue(deployment.contains("image: \"" + REGISTRY + "/library/registry:"), deployment);
        assertTrue(deployment.contains("- name: private-registry"), deployment);
        assertTrue(deployment.contains("jackal.dev/agent: ignore"), deployment);
        assertTrue(deployment.contains("emptyDir: {}"), "REGISTRY_PVC_ENABLED=false: " + deployment);
        assertTrue(deployment.contains("mountPath: /etc/ssl/certs/ca-certificates.crt"), deployment);
        assertFalse(docs.containsKey("PersistentVolumeClaim/jackal-docker-registry"));
        String service = docs.get("Service/jackal-docker-registry").content();
        assertTrue(service.contains("nodePort: 31999"), service);
        assertTrue(service.contains("type: NodePort"), service);
        String secret = docs.get("Secret/jackal-docker-registry-secret").content();
        String htpasswd = "push:$2y$05$push\npull:$2y$05$pull";
        assertTrue(secret.contains(Base64.getEncoder().encodeToString(htpasswd.getBytes())), secret);
        assertTrue(docs.containsKey("HorizontalPodAutoscaler/jackal-docker-registry"));
        assertTrue(
                docs.get("ConfigMap/jackal-docker-registry-ca-bundle").content().contains("BEGIN CERTIFICATE"));
    }

    @Test
    void registryAndAgentManifestsAreTemplated() throws Exception {
        Path registry = unpack("jackal-registry");
        DeployTemplater templater = templater();
        String hosting = templater.text(
                Files.readString(registry.resolve("jackal-registry/manifests/kep-1755-registry-annotation-0.yaml")));
        assertTrue(hosting.contains("host: \"" + REGISTRY + "\""), hosting);
        assertTrue(Files.readString(registry.resolve("jackal-registry/manifests/registry-connect-0.yaml"))
                .contains("jackal.dev/connect-name: registry"));

        Path agent = unpack("jackal-agent");
        String deployment =
                templater.text(Files.readString(agent.resolve("jackal-agent/manifests/jackal-agent-2.yaml")));
        assertTrue(
                deployment.contains(
                        "image: \"" + REGISTRY + "/jackal/agent:" + System.getProperty("jackal.version") + "\""),
                deployment);
        String webhook = templater.text(Files.readString(agent.resolve("jackal-agent/manifests/jackal-agent-3.yaml")));
        assertFalse(webhook.contains("###JACKAL_"), webhook);
        assertTrue(webhook.contains("caBundle: \"Q0E=\""), webhook);
        assertTrue(webhook.contains("path: \"/mutate/pod\""), webhook);
        String secret = templater.text(Files.readString(agent.resolve("jackal-agent/manifests/jackal-agent-1.yaml")));
        assertTrue(secret.contains("tls.crt: Q1JU") && secret.contains("tls.key: S0VZ"), secret);
    }

    @Test
    void agentWebhookConfigurationIsTheOneTheEngineBuilds() throws Exception {
        Path agent = unpack("jackal-agent");
        Map<String, TemplateValue> ca = Map.of("###JACKAL_AGENT_CA###", TemplateValue.plain("Q0EtUEVN"));
        String packaged = new DeployTemplater(ca, EventHandler.NONE)
                .text(Files.readString(agent.resolve("jackal-agent/manifests/jackal-agent-3.yaml")));
        String golden = Files.readString(Path.of(System.getProperty("jackal.agentWebhookGolden")));
        assertEquals(golden, packaged.substring(packaged.indexOf("---")));
    }

    @Test
    void buildingAgainGivesTheSameAggregateChecksum() throws Exception {
        Path target = work.resolve("again");
        var result = InitPackageBuild.build(
                InitPackageBuild.Args.parse(new String[] {
                    "--target=" + target,
                    "--version=" + System.getProperty("jackal.version"),
                    "--source=" + System.getProperty("jackal.build.source"),
                    "--image-files=" + System.getProperty("jackal.build.imageFiles"),
                    "--registry-binary=" + System.getProperty("jackal.build.registryBinary"),
                    "--registry-version=" + System.getProperty("jackal.registryVersion"),
                    "--deployer-jar=" + System.getProperty("jackal.build.deployerJar"),
                    "--injector=" + System.getProperty("jackal.injectorFile"),
                    "--cache=" + System.getProperty("jackal.build.cache"),
                    "--timestamp=" + System.getProperty("jackal.build.timestamp")
                }),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        assertEquals(loaded.pkg().metadata().aggregateChecksum(), result.aggregateChecksum());
        assertEquals(
                AgentRuntime.sha256(loaded.source()), AgentRuntime.sha256(result.archive()), "the same archive bytes");
    }

    /** The component's chart templated and rendered with {@code valuesFiles} values files, by kind/name. */
    private Map<String, RenderedDocument> render(String component, int valuesFiles) throws Exception {
        Path dir = unpack(component);
        Path base = dir.resolve(component);
        ReleaseChart chart =
                ReleaseChart.unpack(base.resolve("charts/docker-registry-1.0.0.tgz"), dir.resolve("chart"));
        DeployTemplater templater = templater();
        chart.template(templater);
        var template = Helm.template(chart.root().toString())
                .withName("jackal-docker-registry")
                .withNamespace("jackal");
        for (int i = 0; i < valuesFiles; i++) {
            Path values = base.resolve("values/docker-registry-1.0.0-" + i);
            assertTrue(Files.isRegularFile(values), values.toString());
            templater.file(values);
            template = template.withValuesFile(values);
        }
        Map<String, RenderedDocument> byName = new HashMap<>();
        for (RenderedDocument doc : RenderedOutput.parse(template.call())) {
            byName.put(doc.kind() + "/" + doc.name(), doc);
        }
        return byName;
    }

    /** The values deploy gives an init package, with test credentials and the test node's settings. */
    private static DeployTemplater templater() throws Exception {
        Map<String, TemplateValue> values = new HashMap<>();
        for (Variable v : loaded.pkg().variables()) {
            values.put(
                    "###JACKAL_VAR_" + v.name() + "###",
                    new TemplateValue(
                            v.defaultValue() == null ? "" : v.defaultValue(),
                            false,
                            Boolean.TRUE.equals(v.autoIndent()),
                            false));
        }
        for (Constant c : loaded.pkg().constants()) {
            values.put("###JACKAL_CONST_" + c.name() + "###", TemplateValue.plain(c.value()));
        }
        values.put("###JACKAL_VAR_REGISTRY_PVC_ENABLED###", TemplateValue.plain("false"));
        Path ca = Files.writeString(
                work.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        values.put("###JACKAL_VAR_REGISTRY_CA_BUNDLE###", new TemplateValue(ca.toString(), false, true, true));
        values.put("###JACKAL_REGISTRY###", TemplateValue.plain(REGISTRY));
        values.put("###JACKAL_SEED_REGISTRY###", TemplateValue.plain(SEED));
        values.put("###JACKAL_NODEPORT###", TemplateValue.plain("31999"));
        values.put("###JACKAL_STORAGE_CLASS###", TemplateValue.plain(""));
        values.put(
                "###JACKAL_HTPASSWD###", new TemplateValue("push:$2y$05$push\\npull:$2y$05$pull", true, false, false));
        values.put("###JACKAL_REGISTRY_SECRET###", new TemplateValue("http-secret", true, false, false));
        values.put("###JACKAL_AGENT_CA###", new TemplateValue("Q0E=", true, false, false));
        values.put("###JACKAL_AGENT_CRT###", new TemplateValue("Q1JU", true, false, false));
        values.put("###JACKAL_AGENT_KEY###", new TemplateValue("S0VZ", true, false, false));
        return new DeployTemplater(values, EventHandler.NONE);
    }

    private Component component(String name) {
        return loaded.pkg().components().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private Path unpack(String component) throws Exception {
        Path dir = Files.createTempDirectory(work, component);
        SafeExtractor.extract(loaded.layout().componentTar(component), dir, ExtractOptions.defaults());
        return dir;
    }
}
