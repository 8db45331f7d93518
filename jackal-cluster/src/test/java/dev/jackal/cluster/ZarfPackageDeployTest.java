package dev.jackal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.cluster.kube.Namespaces;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.load.PackageLoader;
import dev.jackal.core.model.PackageKind;
import dev.jackal.core.state.ComponentStatus;
import dev.jackal.core.state.DeployedPackage;
import dev.jackal.test.kube.KubernetesExtension;
import dev.jackal.test.zarf.ZarfPackageWriter;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package laid out as Zarf writes it (zarf.yaml, ZarfPackageConfig, {@code ###ZARF_*###} markers, {@code ZARF_VAR_X}
 * in actions) deploys onto the real control plane and is removed again, with jackal's package secret.
 */
class ZarfPackageDeployTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    @TempDir
    Path work;

    private Path zarfPackage() throws IOException {
        String zarfYaml =
                """
                kind: ZarfPackageConfig
                metadata:
                  name: zarf-hello
                  version: 0.1.0
                  architecture: amd64
                build:
                  terminal: builder
                  user: someone
                  architecture: amd64
                  timestamp: Mon, 02 Jan 2006 15:04:05 -0700
                  version: v0.32.6
                  migrations:
                    - scripts-to-actions
                    - pluralize-set-variable
                  lastNonBreakingVersion: v0.27.0
                constants:
                  - name: TEAM
                    value: blue
                variables:
                  - name: GREETING
                    default: hello
                components:
                  - name: hello
                    required: true
                    charts:
                      - name: zchart
                        version: 0.1.0
                        namespace: zarf-hello
                        localPath: chart
                        valuesFiles:
                          - values.yaml
                    manifests:
                      - name: settings
                        namespace: zarf-hello
                        files:
                          - settings.yaml
                    files:
                      - source: motd.txt
                        target: {work}/motd.txt
                    actions:
                      onDeploy:
                        before:
                          - cmd: echo "before $ZARF_VAR_GREETING $TF_VAR_greeting" >> {work}/actions.log
                          - cmd: echo computed-value
                            setVariables:
                              - name: COMPUTED
                        after:
                          - cmd: echo "after ${ZARF_VAR_COMPUTED} $ZARF_CONST_TEAM" >> {work}/actions.log
                      onRemove:
                        before:
                          - cmd: ./zarf removing >> {work}/actions.log
                """
                        .replace("{work}", work.toString());
        String settings =
                """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  greeting: "###ZARF_VAR_GREETING###"
                  computed: "###ZARF_VAR_COMPUTED###"
                  team: "###ZARF_CONST_TEAM###"
                  jackal: "###JACKAL_VAR_GREETING###"
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: hello
                  labels:
                    zarf.dev/connect-name: hello
                  annotations:
                    zarf.dev/connect-description: "the ###ZARF_CONST_TEAM### hello page"
                    zarf.dev/connect-url: /hello
                spec:
                  ports:
                    - port: 80
                """;
        return ZarfPackageWriter.definition(zarfYaml)
                .componentFile("hello", "charts/zchart-0.1.0.tgz", chart())
                .componentFile("hello", "values/zchart-0.1.0-0", "greeting: \"###ZARF_VAR_GREETING###\"\n")
                .componentFile("hello", "manifests/settings-0.yaml", settings)
                .componentFile("hello", "files/0/motd.txt", "###ZARF_VAR_GREETING### from zarf\n")
                .write(work.resolve("zarf-package-zarf-hello-amd64-0.1.0.tar.zst"));
    }

    /** {@code zchart-0.1.0.tgz} as {@code helm package} lays it out: everything under {@code zchart/}. */
    private static byte[] chart() throws IOException {
        Map<String, String> files = Map.of(
                "zchart/Chart.yaml", "apiVersion: v2\nname: zchart\nversion: 0.1.0\n",
                "zchart/values.yaml", "greeting: unset\n",
                "zchart/templates/cm.yaml",
                        """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: zchart
                        data:
                          greeting: {{ .Values.greeting | quote }}
                          team: "###ZARF_CONST_TEAM###"
                        """);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (Map.Entry<String, String> file : new java.util.TreeMap<>(files).entrySet()) {
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void zarfPackageDeploysWithZarfMarkersAndIsRemoved() throws Exception {
        Path archive = zarfPackage();
        Files.createDirectories(work.resolve("tmp"));
        DeployOptions options =
                new DeployOptions("", Map.of("greeting", "hi"), false, Duration.ofMinutes(2), 1, "echo self ");
        try (Kube kube = Kube.connect(KUBE.controlPlane().kubeconfig());
                LoadedPackage loaded =
                        new PackageLoader(EventHandler.NONE, work.resolve("tmp")).load(archive, Optional.empty())) {
            assertEquals(PackageDialect.ZARF, loaded.dialect());
            DeployedPackage record = new PackageDeployer(EventHandler.NONE, kube).deploy(loaded, options);
            assertEquals(
                    ComponentStatus.SUCCEEDED,
                    record.deployedComponents().get(0).status());
            assertEquals(
                    "the blue hello page /hello",
                    record.connectStrings().get("hello").description() + " "
                            + record.connectStrings().get("hello").url(),
                    "connect strings come from Services labelled zarf.dev/connect-name");

            ConfigMap chart = configMap(kube, "zchart");
            assertEquals("hi", chart.getData().get("greeting"), "values file templated with ###ZARF_VAR_X###");
            assertEquals("blue", chart.getData().get("team"), "chart templated with ###ZARF_CONST_X###");
            ConfigMap settings = configMap(kube, "settings");
            assertEquals("hi", settings.getData().get("greeting"));
            assertEquals("computed-value", settings.getData().get("computed"), "setVariables feed ###ZARF_VAR_X###");
            assertEquals("blue", settings.getData().get("team"));
            assertEquals(
                    "###JACKAL_VAR_GREETING###",
                    settings.getData().get("jackal"),
                    "a Zarf package's text is templated with Zarf's markers only");
            assertEquals("hi from zarf\n", Files.readString(work.resolve("motd.txt")));
            assertEquals(
                    List.of("before hi hi", "after computed-value blue"),
                    Files.readAllLines(work.resolve("actions.log")));

            Secret secret = kube.client()
                    .secrets()
                    .inNamespace("jackal")
                    .withName("jackal-package-zarf-hello")
                    .get();
            assertEquals(
                    "jackal",
                    secret.getMetadata().getLabels().get("app.kubernetes.io/managed-by"),
                    "jackal manages it");
            DeployedPackage stored = DeployedPackage.fromJson(
                    new String(Base64.getDecoder().decode(secret.getData().get("data")), StandardCharsets.UTF_8));
            assertEquals(PackageKind.ZarfPackageConfig, stored.data().kind(), "recorded as the Zarf package it is");

            new PackageRemover(EventHandler.NONE, kube).remove("zarf-hello", "", work, "echo self ");
            assertTrue(
                    Files.readAllLines(work.resolve("actions.log")).contains("self removing"),
                    "onRemove actions of a Zarf package run with ./zarf as the deploying binary");
            assertFalse(new PackageSecrets(kube.client(), new Namespaces(kube.client(), EventHandler.NONE, false))
                    .find("zarf-hello")
                    .isPresent());
            assertEquals(
                    null,
                    kube.client()
                            .configMaps()
                            .inNamespace("zarf-hello")
                            .withName("settings")
                            .get());
        }
    }

    private static ConfigMap configMap(Kube kube, String name) {
        return kube.client()
                .configMaps()
                .inNamespace("zarf-hello")
                .withName(name)
                .get();
    }
}
