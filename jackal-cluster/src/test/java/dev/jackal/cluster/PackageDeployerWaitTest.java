package dev.jackal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.create.CreateOptions;
import dev.jackal.core.create.ImageStep;
import dev.jackal.core.create.PackageCreator;
import dev.jackal.core.deploy.DeployException;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.load.PackageLoader;
import dev.jackal.core.state.ComponentStatus;
import dev.jackal.core.state.DeployedPackage;
import dev.jackal.test.http.StaticHttpServer;
import dev.jackal.test.kube.KubernetesControlPlane;
import dev.jackal.test.kube.KubernetesExtension;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code wait} actions and {@code healthChecks} in real deploys and removes on the real control plane. */
class PackageDeployerWaitTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    @TempDir
    Path src;

    @TempDir
    Path work;

    private static String deployment(String name, int replicas, String nodeSelector) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec:
                      nodeSelector: {%s}
                      containers:
                        - name: app
                          image: example.invalid/%s:1
                """
                .formatted(name, replicas, name, name, nodeSelector, name);
    }

    private Path create(String definition, Map<String, String> files) throws Exception {
        Files.writeString(src.resolve("jackal.yaml"), definition);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(src.resolve(file.getKey()), file.getValue());
        }
        ImageStep none = (p, dir, o) -> List.of();
        return new PackageCreator(EventHandler.NONE, SkeletonResolver.LOCAL_ONLY, none)
                .create(CreateOptions.builder(src)
                        .outputDir(work.resolve("out"))
                        .architecture("amd64")
                        .build())
                .archive();
    }

    private DeployedPackage deploy(Kube kube, Path archive, Map<String, String> set, Duration timeout) {
        try (LoadedPackage loaded = new PackageLoader(EventHandler.NONE, work).load(archive, Optional.empty())) {
            return new PackageDeployer(EventHandler.NONE, kube)
                    .deploy(loaded, new DeployOptions("", set, false, timeout, 1, "jackal "));
        }
    }

    @Test
    void waitActionsWithTemplatedFieldsAndHealthChecksGateTheDeployAndTheRemove() throws Exception {
        Path served = Files.createDirectories(work.resolve("www"));
        Files.writeString(served.resolve("ok.txt"), "ok");
        Path archive = create(
                """
                kind: JackalPackageConfig
                metadata:
                  name: wait-demo
                variables:
                  - name: NS
                    default: wait-demo
                  - name: WEB
                components:
                  - name: web
                    required: true
                    manifests:
                      - name: web
                        namespace: wait-demo
                        noWait: true
                        files: [web.yaml]
                    actions:
                      onDeploy:
                        after:
                          - wait:
                              cluster: {kind: deploy, name: web, namespace: "###JACKAL_VAR_NS###", condition: Available}
                          - wait:
                              cluster:
                                kind: pods
                                name: app=web
                                namespace: ${JACKAL_VAR_NS}
                                condition: "'{.status.phase}'=Running"
                          - wait:
                              network: {protocol: HTTP, address: "$JACKAL_VAR_WEB/ok.txt"}
                            maxTotalSeconds: 30
                          - wait:
                              network: {protocol: http, address: "${JACKAL_VAR_WEB}/missing.txt", code: 404}
                          - cmd: echo "after waits" >> %s/order.log
                      onRemove:
                        after:
                          - wait:
                              cluster: {kind: deployment, name: web, namespace: wait-demo, condition: delete}
                            maxTotalSeconds: 60
                          - wait:
                              cluster: {kind: pod, name: app=web, namespace: wait-demo, condition: delete}
                            maxTotalSeconds: 60
                          - cmd: echo "removed" >> %s/order.log
                  - name: api
                    required: true
                    manifests:
                      - name: api
                        namespace: wait-demo
                        noWait: true
                        files: [api.yaml]
                    healthChecks:
                      - {apiVersion: apps/v1, kind: Deployment, namespace: wait-demo, name: api}
                      - {apiVersion: v1, kind: Service, namespace: wait-demo, name: api}
                """
                        .formatted(work, work),
                Map.of(
                        "web.yaml",
                        deployment("web", 2, ""),
                        "api.yaml",
                        deployment("api", 2, "wait-demo-api: \"later\"")
                                + """
                                ---
                                apiVersion: v1
                                kind: Service
                                metadata:
                                  name: api
                                spec:
                                  selector: {app: api}
                                  ports: [{port: 80}]
                                """));
        try (StaticHttpServer http = StaticHttpServer.serve(served);
                Kube kube = Kube.connect(KUBE.controlPlane().kubeconfig())) {
            String address = http.baseUrl().substring("http://".length());
            // api's pods can run only once the node has this label: the health check must wait for it
            CompletableFuture<?> label = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(4000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                // a merge patch: kwok renews the node's status meanwhile, so an edit could meet 409 Conflict
                kube.client()
                        .nodes()
                        .withName(KubernetesControlPlane.NODE_NAME)
                        .patch(
                                PatchContext.of(PatchType.JSON_MERGE),
                                "{\"metadata\":{\"labels\":{\"wait-demo-api\":\"later\"}}}");
            });
            DeployedPackage record = deploy(kube, archive, Map.of("WEB", address), Duration.ofMinutes(2));
            assertTrue(label.isDone(), "the deploy waited for api's pods to be able to run");

            assertEquals(
                    ComponentStatus.SUCCEEDED,
                    record.deployedComponents().get(1).status());
            Deployment web = kube.client()
                    .apps()
                    .deployments()
                    .inNamespace("wait-demo")
                    .withName("web")
                    .get();
            assertEquals(2, web.getStatus().getAvailableReplicas(), "the wait saw web become available");
            assertTrue(http.requests().contains("/ok.txt"), http.requests().toString());
            assertTrue(http.requests().contains("/missing.txt"), http.requests().toString());
            assertEquals(List.of("after waits"), Files.readAllLines(work.resolve("order.log")));
            Deployment api = kube.client()
                    .apps()
                    .deployments()
                    .inNamespace("wait-demo")
                    .withName("api")
                    .get();
            assertEquals(2, api.getStatus().getReadyReplicas(), "the health check waited for api");

            new PackageRemover(EventHandler.NONE, kube).remove("wait-demo", "web", work, "jackal ");
            assertEquals(List.of("after waits", "removed"), Files.readAllLines(work.resolve("order.log")));
            assertNull(kube.client()
                    .apps()
                    .deployments()
                    .inNamespace("wait-demo")
                    .withName("web")
                    .get());
            assertEquals(
                    List.of(),
                    kube.client()
                            .pods()
                            .inNamespace("wait-demo")
                            .withLabel("app", "web")
                            .list()
                            .getItems(),
                    "the remove waited for the pods to go");
        }
    }

    @Test
    void aWaitThatTimesOutFailsTheComponentNamingTheObject() throws Exception {
        Path archive = create(
                """
                kind: JackalPackageConfig
                metadata:
                  name: wait-fails
                variables:
                  - name: NS
                    default: wait-fails
                components:
                  - name: broken
                    required: true
                    actions:
                      onDeploy:
                        before:
                          - wait:
                              cluster: {kind: pod, name: missing, namespace: "###JACKAL_VAR_NS###", condition: Ready}
                            maxTotalSeconds: 2
                """,
                Map.of());
        try (Kube kube = Kube.connect(KUBE.controlPlane().kubeconfig())) {
            DeployException e =
                    assertThrows(DeployException.class, () -> deploy(kube, archive, Map.of(), Duration.ofMinutes(1)));
            assertEquals(
                    "component broken: timed out after 2s waiting for pod/missing in namespace wait-fails to be Ready"
                            + " (not found)",
                    e.getMessage());
        }
    }

    @Test
    void aHealthCheckThatNeverPassesFailsWithinTheDeployTimeoutNamingTheObject() throws Exception {
        Path archive = create(
                """
                kind: JackalPackageConfig
                metadata:
                  name: health-fails
                components:
                  - name: stuck
                    required: true
                    manifests:
                      - name: stuck
                        namespace: health-fails
                        noWait: true
                        files: [stuck.yaml]
                    healthChecks:
                      - {apiVersion: apps/v1, kind: Deployment, namespace: health-fails, name: stuck}
                      - {apiVersion: v1, kind: ConfigMap, namespace: health-fails, name: never-created}
                """,
                Map.of("stuck.yaml", deployment("stuck", 1, "nowhere: \"true\"")));
        try (Kube kube = Kube.connect(KUBE.controlPlane().kubeconfig())) {
            long start = System.nanoTime();
            DeployException e =
                    assertThrows(DeployException.class, () -> deploy(kube, archive, Map.of(), Duration.ofSeconds(6)));
            assertTrue(System.nanoTime() - start >= 6_000_000_000L, "it waited for the deploy timeout");
            assertTrue(
                    e.getMessage()
                            .startsWith("component stuck: health check failed: timed out after 6s waiting for"
                                    + " Deployment/stuck in namespace health-fails, ConfigMap/never-created in namespace"
                                    + " health-fails to be ready (Deployment/stuck in namespace health-fails: "),
                    e.getMessage());
            assertTrue(
                    e.getMessage().endsWith("ConfigMap/never-created in namespace health-fails: not found)"),
                    e.getMessage());
        }
    }
}
