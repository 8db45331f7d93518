package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import dev.jackal.core.archive.ArchiveOptions;
import dev.jackal.core.archive.ExtractOptions;
import dev.jackal.core.archive.PackageArchiver;
import dev.jackal.core.archive.SafeExtractor;
import dev.jackal.test.kube.KubernetesExtension;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue acceptance: a package with a chart, raw manifests, a kustomization, files, actions and variables,
 * deployed, listed and removed with the shaded jar on the real control plane; a tampered copy changes nothing.
 */
class FullDeployTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    static KubernetesClient client;

    @TempDir
    static Path work;

    static String archive;

    @BeforeAll
    static void createPackage() throws Exception {
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(
                        Files.readString(KUBE.controlPlane().kubeconfig())))
                .build();
        Path src = Files.createDirectories(work.resolve("src"));
        Files.writeString(
                src.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: full-demo
                  version: 1.2.3
                variables:
                  - name: COLOR
                    default: blue
                components:
                  - name: app
                    required: true
                    charts:
                      - name: web
                        version: 0.1.0
                        namespace: full-demo
                        localPath: web
                        valuesFiles:
                          - values.yaml
                    manifests:
                      - name: extras
                        namespace: full-demo
                        files:
                          - settings.yaml
                        kustomizations:
                          - overlay
                    files:
                      - source: motd.txt
                        target: {work}/host/motd.txt
                    actions:
                      onDeploy:
                        after:
                          - cmd: echo deployed-$JACKAL_VAR_COLOR >> {work}/actions.log
                      onRemove:
                        before:
                          - cmd: echo removing >> {work}/actions.log
                """
                        .replace("{work}", work.toString()));
        Helm.create().withName("web").withDir(src).call();
        Files.writeString(src.resolve("values.yaml"), "podAnnotations:\n  color: \"###JACKAL_VAR_COLOR###\"\n");
        Files.writeString(
                src.resolve("settings.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  color: \"###JACKAL_VAR_COLOR###\"\n");
        Path overlay = Files.createDirectories(src.resolve("overlay"));
        Files.writeString(overlay.resolve("kustomization.yaml"), "namePrefix: kz-\nresources:\n  - cm.yaml\n");
        Files.writeString(
                overlay.resolve("cm.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-kustomize\ndata:\n  k: v\n");
        Files.writeString(src.resolve("motd.txt"), "welcome, ###JACKAL_VAR_COLOR### team\n");
        Jackal.Result created = jackal("package", "create", src.toString(), "--confirm", "-o", work.toString());
        assertEquals(0, created.exitCode(), created.err());
        archive = created.out().strip();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    private static Jackal.Result jackal(String... args) throws Exception {
        return Jackal.runWith(
                null, Map.of("KUBECONFIG", KUBE.controlPlane().kubeconfig().toString()), args);
    }

    @Test
    void deployListRemove() throws Exception {
        Jackal.Result deployed =
                jackal("package", "deploy", archive, "--confirm", "--set", "COLOR=green", "--no-progress");
        assertEquals(0, deployed.exitCode(), deployed.err());

        assertEquals(
                "green",
                client.apps()
                        .deployments()
                        .inNamespace("full-demo")
                        .withName("web")
                        .get()
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations()
                        .get("color"),
                "the chart's values file was templated");
        assertEquals(
                "green",
                client.configMaps()
                        .inNamespace("full-demo")
                        .withName("settings")
                        .get()
                        .getData()
                        .get("color"));
        assertNotNull(client.configMaps()
                .inNamespace("full-demo")
                .withName("kz-from-kustomize")
                .get());
        assertEquals("welcome, green team\n", Files.readString(work.resolve("host/motd.txt")));
        assertEquals(List.of("deployed-green"), Files.readAllLines(work.resolve("actions.log")));

        Set<String> releases = releaseSecrets();
        assertTrue(releases.contains("sh.helm.release.v1.web.v1"), releases.toString());
        assertTrue(releases.stream().anyMatch(n -> n.startsWith("sh.helm.release.v1.jackal-")), releases.toString());

        Secret record = client.secrets()
                .inNamespace("jackal")
                .withName("jackal-package-full-demo")
                .get();
        assertEquals("Opaque", record.getType());
        assertEquals("jackal", record.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
        assertEquals("full-demo", record.getMetadata().getLabels().get("package-deploy-info"));
        JsonNode data = new ObjectMapper()
                .readTree(new String(Base64.getDecoder().decode(record.getData().get("data")), StandardCharsets.UTF_8));
        assertEquals("full-demo", data.path("name").asText());
        assertEquals(
                "full-demo", data.path("data").path("metadata").path("name").asText());
        assertEquals(1, data.path("generation").asInt());
        assertFalse(data.path("cliVersion").asText().isEmpty());
        JsonNode component = data.path("deployedComponents").get(0);
        assertEquals("app", component.path("name").asText());
        assertEquals("Succeeded", component.path("status").asText());
        assertEquals(1, component.path("observedGeneration").asInt());
        assertEquals(2, component.path("installedCharts").size());
        assertEquals(
                "full-demo",
                component.path("installedCharts").get(0).path("namespace").asText());
        assertEquals(
                "web",
                component.path("installedCharts").get(0).path("chartName").asText());

        Jackal.Result listed = jackal("package", "list", "--no-progress");
        assertTrue(listed.out().lines().anyMatch(l -> l.startsWith("full-demo") && l.contains("1.2.3")), listed.out());

        Jackal.Result removed = jackal("package", "remove", "full-demo", "--confirm", "--no-progress");
        assertEquals(0, removed.exitCode(), removed.err());
        assertEquals(List.of("deployed-green", "removing"), Files.readAllLines(work.resolve("actions.log")));
        assertEquals(Set.of(), releaseSecrets(), "the releases are uninstalled");
        assertNull(client.apps()
                .deployments()
                .inNamespace("full-demo")
                .withName("web")
                .get());
        assertNull(client.secrets()
                .inNamespace("jackal")
                .withName("jackal-package-full-demo")
                .get());
    }

    @Test
    void tamperedPackageChangesNothing() throws Exception {
        Path unpacked = work.resolve("tamper");
        SafeExtractor.extract(Path.of(archive), unpacked, ExtractOptions.defaults());
        Path component = unpacked.resolve("components/app.tar");
        byte[] bytes = Files.readAllBytes(component);
        bytes[bytes.length / 3] ^= 0x20;
        Files.write(component, bytes);
        Path tampered = work.resolve("jackal-package-tampered.tar.zst");
        PackageArchiver.archive(unpacked, tampered, ArchiveOptions.defaults());
        long namespacesBefore = client.namespaces().list().getItems().size();
        Path motd = work.resolve("host/motd.txt");
        Files.deleteIfExists(motd);

        Jackal.Result result = jackal("package", "deploy", tampered.toString(), "--confirm", "--no-progress");
        assertEquals(1, result.exitCode(), result.err());
        assertTrue(result.err().contains("components/app.tar"), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
        assertNull(client.secrets()
                .inNamespace("jackal")
                .withName("jackal-package-full-demo")
                .get());
        assertEquals(namespacesBefore, client.namespaces().list().getItems().size(), "no namespace was created");
        assertFalse(
                Files.exists(work.resolve("host/motd.txt")) && releaseSecrets().contains("sh.helm.release.v1.web.v1"));
    }

    private static Set<String> releaseSecrets() {
        return client.secrets().inNamespace("full-demo").list().getItems().stream()
                .map(s -> s.getMetadata().getName())
                .filter(n -> n.startsWith("sh.helm.release.v1."))
                .collect(Collectors.toSet());
    }
}
