package dev.jackal.test.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.jackal.test.TestPki;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The control plane is real: controllers, scheduler, kwok and admission webhooks all take part. */
class KubernetesControlPlaneTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KubernetesClient client;

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

    @Test
    void reportsTheBuiltVersionAndAReadyNode() {
        assertEquals("v1.34.4", client.getKubernetesVersion().getGitVersion());
        assertTrue(client.nodes().withName(KubernetesControlPlane.NODE_NAME).get().getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
    }

    @Test
    void deploymentPodBecomesReady() throws Exception {
        String ns = "smoke-deploy";
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(ns)
                        .endMetadata()
                        .build())
                .create();
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata()
                .withName("hello")
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .addToMatchLabels("app", "hello")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "hello")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("hello")
                .withImage("127.0.0.1:31999/jackal/hello:1.0")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        client.apps().deployments().inNamespace(ns).resource(deployment).create();

        Pod pod = await(
                Duration.ofSeconds(90),
                () -> client.pods().inNamespace(ns).withLabel("app", "hello").list().getItems().stream()
                        .filter(KubernetesControlPlaneTest::ready)
                        .findFirst()
                        .orElse(null));
        assertEquals(KubernetesControlPlane.NODE_NAME, pod.getSpec().getNodeName());
        assertEquals("Running", pod.getStatus().getPhase());
        Deployment available = await(Duration.ofSeconds(60), () -> {
            Deployment d = client.apps()
                    .deployments()
                    .inNamespace(ns)
                    .withName("hello")
                    .get();
            Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
            return ready != null && ready == 1 ? d : null;
        });
        assertEquals(1, available.getStatus().getAvailableReplicas());
    }

    @Test
    void mutatingWebhookOnLoopbackIsCalledAndItsPatchApplied() throws Exception {
        TestPki pki = KUBE.controlPlane().pki();
        TestPki.Issued cert = pki.server("smoke-webhook");
        AtomicInteger calls = new AtomicInteger();
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(pki.sslContext(cert)));
        server.createContext("/mutate", exchange -> {
            calls.incrementAndGet();
            JsonNode review = JSON.readTree(exchange.getRequestBody());
            String patch = "[{\"op\":\"add\",\"path\":\"/metadata/labels/jackal-agent\",\"value\":\"patched\"}]";
            Map<String, Object> response = Map.of(
                    "apiVersion", "admission.k8s.io/v1",
                    "kind", "AdmissionReview",
                    "response",
                            Map.of(
                                    "uid",
                                    review.get("request").get("uid").asText(),
                                    "allowed",
                                    true,
                                    "patchType",
                                    "JSONPatch",
                                    "patch",
                                    Base64.getEncoder().encodeToString(patch.getBytes(StandardCharsets.UTF_8))));
            byte[] body = JSON.writeValueAsBytes(response);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String ns = "smoke-webhook";
        MutatingWebhookConfiguration webhook = new MutatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName("jackal-smoke")
                .endMetadata()
                .addNewWebhook()
                .withName("smoke.jackal.dev")
                .withNewClientConfig()
                .withUrl("https://127.0.0.1:" + server.getAddress().getPort() + "/mutate")
                .withCaBundle(Base64.getEncoder().encodeToString(Files.readAllBytes(pki.caCertificate())))
                .endClientConfig()
                .addNewRule()
                .withOperations("CREATE")
                .withApiGroups("")
                .withApiVersions("v1")
                .withResources("configmaps")
                .endRule()
                .withNewNamespaceSelector()
                .addToMatchLabels("jackal-smoke", "webhook")
                .endNamespaceSelector()
                .withSideEffects("None")
                .withAdmissionReviewVersions("v1")
                .withFailurePolicy("Fail")
                .withTimeoutSeconds(10)
                .endWebhook()
                .build();
        try {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(ns)
                            .addToLabels("jackal-smoke", "webhook")
                            .endMetadata()
                            .build())
                    .create();
            client.admissionRegistration()
                    .v1()
                    .mutatingWebhookConfigurations()
                    .resource(webhook)
                    .create();
            // the apiserver picks up new webhook configurations asynchronously: retry until it calls
            ConfigMap created = await(Duration.ofSeconds(30), () -> {
                String name = "cm-" + System.nanoTime();
                ConfigMap cm = client.configMaps()
                        .inNamespace(ns)
                        .resource(new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .addToLabels("app", "smoke")
                                .endMetadata()
                                .addToData("k", "v")
                                .build())
                        .create();
                return "patched".equals(cm.getMetadata().getLabels().get("jackal-agent")) ? cm : null;
            });
            assertTrue(calls.get() >= 1);
            ConfigMap stored = client.configMaps()
                    .inNamespace(ns)
                    .withName(created.getMetadata().getName())
                    .get();
            assertEquals("patched", stored.getMetadata().getLabels().get("jackal-agent"));
            assertEquals("smoke", stored.getMetadata().getLabels().get("app"));
        } finally {
            client.admissionRegistration()
                    .v1()
                    .mutatingWebhookConfigurations()
                    .withName("jackal-smoke")
                    .delete();
            server.stop(0);
        }
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static <T> T await(Duration timeout, java.util.function.Supplier<T> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not reached within " + timeout.toSeconds() + " s; control plane logs in "
                + KUBE.controlPlane().logsDir() + " " + List.of());
    }
}
