package dev.jackal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.event.EventHandler;
import dev.jackal.core.wait.ClusterTarget;
import dev.jackal.core.wait.WaitCondition;
import dev.jackal.core.wait.WaitException;
import dev.jackal.core.wait.WaitTimeoutException;
import dev.jackal.test.kube.KubernetesExtension;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link KubeWaiter} on the real control plane, whose fake kwok node runs pods and makes them Ready. */
class KubeWaiterTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    private static Kube kube;
    private static KubeWaiter waiter;

    @BeforeAll
    static void connect() {
        kube = Kube.connect(KUBE.controlPlane().kubeconfig());
        waiter = new KubeWaiter(EventHandler.NONE, kube.client(), Duration.ofMillis(200));
    }

    @AfterAll
    static void close() {
        kube.close();
    }

    private static KubernetesClient client() {
        return kube.client();
    }

    /** A namespace whose default service account exists, so pods can be created in it at once. */
    private static String namespace(String name) {
        client().namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .create();
        client().serviceAccounts()
                .inNamespace(name)
                .withName("default")
                .waitUntilCondition(Objects::nonNull, 60, TimeUnit.SECONDS);
        return name;
    }

    private static void create(String namespace, String yaml) {
        client().resource(yaml).inNamespace(namespace).create();
    }

    private static String pod(String name, String labels) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  labels: {%s}
                spec:
                  containers:
                    - name: app
                      image: example.invalid/app:1
                """
                .formatted(name, labels);
    }

    private static void later(Runnable action) {
        CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            action.run();
        });
    }

    private static void await(String kind, String identifier, String namespace, String condition, Duration timeout) {
        waiter.await(new ClusterTarget(kind, identifier, namespace, WaitCondition.parse(condition)), timeout);
    }

    @Test
    void waitsForAPodCreatedLaterToBeReady() {
        String ns = namespace("wait-later");
        long start = System.nanoTime();
        later(() -> create(ns, pod("app", "app: later")));
        await("pod", "app", ns, "Ready", Duration.ofSeconds(60));
        assertTrue(System.nanoTime() - start > 1_000_000_000L, "it waited for the pod to be created");
        assertEquals(
                "True",
                client().pods().inNamespace(ns).withName("app").get().getStatus().getConditions().stream()
                        .filter(c -> c.getType().equals("Ready"))
                        .findFirst()
                        .orElseThrow()
                        .getStatus(),
                "the pod really is Ready");
        await("po", "app", ns, "'{.status.phase}'=Running", Duration.ofSeconds(30));
        await("pods", "app", ns, "{.status.conditions[?(@.type==\"Ready\")].status}=True", Duration.ofSeconds(5));
        await("Pod", "app", ns, "", Duration.ofSeconds(5));
    }

    @Test
    void labelSelectorsWaitForEveryMatchingObject() {
        String ns = namespace("wait-selector");
        create(ns, pod("one", "app: web"));
        create(ns, pod("two", "app: web"));
        await("pod", "app=web", ns, "Ready", Duration.ofSeconds(60));
        for (String name : new String[] {"one", "two"}) {
            assertEquals(
                    "Running",
                    client().pods()
                            .inNamespace(ns)
                            .withName(name)
                            .get()
                            .getStatus()
                            .getPhase(),
                    name + " is running too");
        }

        create(ns, pod("three", "app: mixed"));
        create(ns, unschedulable(pod("four", "app: mixed")));
        WaitTimeoutException e = assertThrows(
                WaitTimeoutException.class, () -> await("pod", "app=mixed", ns, "Ready", Duration.ofSeconds(3)));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "timed out after 3s waiting for pod with label app=mixed in namespace wait-selector to"
                                        + " be Ready (four: "),
                e.getMessage());

        e = assertThrows(
                WaitTimeoutException.class, () -> await("pod", "app=none", ns, "exists", Duration.ofSeconds(1)));
        assertEquals(
                "timed out after 1s waiting for pod with label app=none in namespace wait-selector to exist (none found)",
                e.getMessage());
    }

    private static String unschedulable(String pod) {
        return pod.replace("containers:", "nodeSelector: {nowhere: \"true\"}\n  containers:");
    }

    @Test
    void existsJsonPathAndDeleteOnConfigMaps() {
        String ns = namespace("wait-configmap");
        later(() -> create(ns, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: off\n"));
        await("cm", "settings", ns, "exists", Duration.ofSeconds(30));
        later(() -> client().configMaps().inNamespace(ns).withName("settings").edit(c -> {
            c.getData().put("mode", "on");
            return c;
        }));
        await("configmaps", "settings", ns, "{.data.mode}=on", Duration.ofSeconds(30));
        await("configmap", "", ns, "", Duration.ofSeconds(5));

        later(() -> client().configMaps().inNamespace(ns).withName("settings").delete());
        await("ConfigMap", "settings", ns, "delete", Duration.ofSeconds(30));
        assertEquals(
                null, client().configMaps().inNamespace(ns).withName("settings").get());
    }

    @Test
    void timeoutsNameTheObjectAndTheCondition() {
        String ns = namespace("wait-timeout");
        create(
                ns,
                pod("pending", "app: pending")
                        .replace("containers:", "nodeSelector: {nowhere: \"true\"}\n  containers:"));
        long start = System.nanoTime();
        WaitTimeoutException e = assertThrows(
                WaitTimeoutException.class, () -> await("pod", "pending", ns, "Ready", Duration.ofSeconds(2)));
        assertTrue(System.nanoTime() - start >= 2_000_000_000L);
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "timed out after 2s waiting for pod/pending in namespace wait-timeout to be Ready ("),
                e.getMessage());

        e = assertThrows(WaitTimeoutException.class, () -> await("pod", "missing", ns, "Ready", Duration.ofSeconds(1)));
        assertEquals(
                "timed out after 1s waiting for pod/missing in namespace wait-timeout to be Ready (not found)",
                e.getMessage());

        e = assertThrows(WaitTimeoutException.class, () -> await("gizmos", "x", ns, "", Duration.ofSeconds(1)));
        assertEquals(
                "timed out after 1s waiting for gizmos/x in namespace wait-timeout to exist (the server has no resource"
                        + " type \"gizmos\")",
                e.getMessage());

        WaitException bad =
                assertThrows(WaitException.class, () -> await("pod", "app=a=b", ns, "exists", Duration.ofSeconds(5)));
        assertTrue(bad.getMessage().startsWith("cannot wait for pod with label"), bad.getMessage());
    }

    @Test
    void kindsResolveByPluralShortNameAndGroupIncludingCustomResources() {
        String ns = namespace("wait-kinds");
        create(
                ns,
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                        - name: web
                          image: example.invalid/web:1
                """);
        await("deploy", "web", ns, "Available", Duration.ofSeconds(60));
        await("deployments.apps", "web", ns, "{.status.readyReplicas}=1", Duration.ofSeconds(30));
        await("Deployment.v1.apps", "web", ns, "exists", Duration.ofSeconds(5));

        later(() -> client().resource(
                        """
                        apiVersion: apiextensions.k8s.io/v1
                        kind: CustomResourceDefinition
                        metadata:
                          name: widgets.example.dev
                        spec:
                          group: example.dev
                          scope: Namespaced
                          names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
                          versions:
                            - name: v1
                              served: true
                              storage: true
                              schema:
                                openAPIV3Schema:
                                  type: object
                                  x-kubernetes-preserve-unknown-fields: true
                        """)
                .create());
        await("crd", "widgets.example.dev", "", "Established", Duration.ofSeconds(30));
        later(() -> client().genericKubernetesResources("example.dev/v1", "Widget")
                .inNamespace(ns)
                .resource(client().getKubernetesSerialization()
                        .unmarshal(
                                "apiVersion: example.dev/v1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  size: 3\n",
                                io.fabric8.kubernetes.api.model.GenericKubernetesResource.class))
                .create());
        await("wd", "w1", ns, "exists", Duration.ofSeconds(30));
        await("widgets.example.dev", "w1", ns, "{.spec.size}=3", Duration.ofSeconds(5));
        await("Widget", "w1", ns, "", Duration.ofSeconds(5));
    }
}
