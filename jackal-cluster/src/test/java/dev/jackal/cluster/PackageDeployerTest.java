package dev.jackal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.create.CreateOptions;
import dev.jackal.core.create.CreateResult;
import dev.jackal.core.create.ImageStep;
import dev.jackal.core.create.PackageCreator;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.load.PackageLoader;
import dev.jackal.core.state.ComponentStatus;
import dev.jackal.core.state.DeployedPackage;
import dev.jackal.test.kube.KubernetesExtension;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Deploy onto the real control plane: charts, manifests, files, actions, variables, package secret. */
class PackageDeployerTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    @TempDir
    Path src;

    @TempDir
    Path work;

    private Path createPackage() throws Exception {
        Files.writeString(
                src.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: deploy-demo
                  version: 1.0.0
                variables:
                  - name: GREETING
                    default: hello
                  - name: SECRET
                    sensitive: true
                components:
                  - name: app
                    required: true
                    charts:
                      - name: demo
                        version: 0.1.0
                        namespace: deploy-demo
                        localPath: demo
                    manifests:
                      - name: settings
                        namespace: deploy-demo
                        files:
                          - settings.yaml
                    files:
                      - source: greeting.txt
                        target: %s/greeting.txt
                    actions:
                      onDeploy:
                        before:
                          - cmd: echo "before $JACKAL_VAR_GREETING" >> %s/actions.log
                          - cmd: echo computed-value
                            setVariables:
                              - name: COMPUTED
                        after:
                          - cmd: echo "after ${JACKAL_VAR_COMPUTED}" >> %s/actions.log
                """
                        .formatted(work, work, work));
        Files.writeString(
                src.resolve("settings.yaml"),
                """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  greeting: "###JACKAL_VAR_GREETING###"
                  secret: "###JACKAL_VAR_SECRET###"
                  computed: "###JACKAL_VAR_COMPUTED###"
                """);
        Files.writeString(src.resolve("greeting.txt"), "###JACKAL_VAR_GREETING### from a file\n");
        Helm.create().withName("demo").withDir(src).call();
        ImageStep none = (p, dir, o) -> List.of();
        CreateResult created = new PackageCreator(EventHandler.NONE, SkeletonResolver.LOCAL_ONLY, none)
                .create(CreateOptions.builder(src)
                        .outputDir(work.resolve("out"))
                        .architecture("amd64")
                        .build());
        return created.archive();
    }

    @Test
    void deploysChartsManifestsFilesAndActionsAndRecordsThePackage() throws Exception {
        Path archive = createPackage();
        DeployOptions options = new DeployOptions(
                "", Map.of("SECRET", "hunter2", "greeting", "hi"), false, Duration.ofMinutes(2), 1, "jackal ");
        try (Kube kube = Kube.connect(KUBE.controlPlane().kubeconfig());
                LoadedPackage loaded = new PackageLoader(EventHandler.NONE, work).load(archive, Optional.empty())) {
            DeployedPackage record = new PackageDeployer(EventHandler.NONE, kube).deploy(loaded, options);
            assertEquals(1, record.generation());
            assertEquals(
                    ComponentStatus.SUCCEEDED,
                    record.deployedComponents().get(0).status());
            assertEquals(2, record.deployedComponents().get(0).installedCharts().size());

            ConfigMap settings = kube.client()
                    .configMaps()
                    .inNamespace("deploy-demo")
                    .withName("settings")
                    .get();
            assertEquals("hi", settings.getData().get("greeting"));
            assertEquals("hunter2", settings.getData().get("secret"), "the sensitive value reaches the cluster");
            assertEquals("computed-value", settings.getData().get("computed"));
            assertEquals("hi from a file\n", Files.readString(work.resolve("greeting.txt")));
            assertEquals(List.of("before hi", "after computed-value"), Files.readAllLines(work.resolve("actions.log")));

            List<Release> releases = Helm.list()
                    .withNamespace("deploy-demo")
                    .withKubeConfig(KUBE.controlPlane().kubeconfig())
                    .call();
            assertTrue(releases.stream().anyMatch(r -> r.getName().equals("demo")), releases.toString());
            assertTrue(
                    kube.client().secrets().inNamespace("deploy-demo").list().getItems().stream()
                            .anyMatch(s -> s.getMetadata().getName().startsWith("sh.helm.release.v1.demo.")),
                    "releases are Helm release secrets");
        }
        try (Kube kube = Kube.connect(KUBE.controlPlane().kubeconfig());
                LoadedPackage loaded = new PackageLoader(EventHandler.NONE, work).load(archive, Optional.empty())) {
            DeployedPackage again = new PackageDeployer(EventHandler.NONE, kube).deploy(loaded, options);
            assertEquals(2, again.generation(), "deploying twice converges and bumps the generation");
        }
    }

    @Test
    void packagesThatPushImagesNeedInit() throws Exception {
        Files.writeString(
                src.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: needs-init
                components:
                  - name: app
                    required: true
                    images:
                      - 127.0.0.1:1/app:1.0
                """);
        ImageStep none = (p, dir, o) -> List.of();
        CreateResult created = new PackageCreator(EventHandler.NONE, SkeletonResolver.LOCAL_ONLY, none)
                .create(CreateOptions.builder(src)
                        .outputDir(work.resolve("out"))
                        .architecture("amd64")
                        .build());
        try (Kube kube = Kube.connect(KUBE.controlPlane().kubeconfig());
                LoadedPackage loaded =
                        new PackageLoader(EventHandler.NONE, work).load(created.archive(), Optional.empty())) {
            ClusterException e = assertThrows(ClusterException.class, () -> new PackageDeployer(EventHandler.NONE, kube)
                    .deploy(loaded, new DeployOptions("", Map.of(), false, Duration.ofMinutes(1), 1, "jackal ")));
            assertTrue(e.getMessage().contains("run 'jackal init' first"), e.getMessage());
        }
    }
}
