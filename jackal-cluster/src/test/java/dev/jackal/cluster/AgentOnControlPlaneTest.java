package dev.jackal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.cluster.agent.AgentWebhooks;
import dev.jackal.core.event.EventHandler;
import dev.jackal.test.ServiceDirs;
import dev.jackal.test.TestPki;
import dev.jackal.test.kube.KubernetesExtension;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acceptance on the kwok tier (issue 10): the real kube-apiserver calls the agent, registered with the webhook
 * configuration jackal builds but pointed at a loopback URL (the API server runs on this host), and objects come
 * back rewritten — or refused, or left alone where the selectors say so.
 */
class AgentOnControlPlaneTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    private static Kube kube;
    private static Agent agent;

    @BeforeAll
    static void startAgentAndRegisterIt() throws Exception {
        kube = Kube.connect(KUBE.controlPlane().kubeconfig());
        Path dir = ServiceDirs.create("agent-webhook");
        TestPki pki = TestPki.create(dir.resolve("pki"), "jackal-agent-webhook-ca");
        TestPki.Issued issued = pki.server("agent");
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Files.copy(issued.certificate(), certs.resolve("tls.crt"));
        Files.copy(issued.key(), certs.resolve("tls.key"));
        Path state = Path.of("src/test/resources/agent/state.json").toAbsolutePath();
        agent = Agent.start(new AgentSettings("127.0.0.1", 0, certs, state), EventHandler.NONE);
        String caBundle = Base64.getEncoder().encodeToString(Files.readAllBytes(pki.caCertificate()));
        client().admissionRegistration()
                .v1()
                .mutatingWebhookConfigurations()
                .resource(AgentWebhooks.configuration(
                        new AgentWebhooks.Url("https://127.0.0.1:" + agent.port(), caBundle)))
                .create();
    }

    @AfterAll
    static void unregisterAndStop() {
        try {
            client().admissionRegistration()
                    .v1()
                    .mutatingWebhookConfigurations()
                    .withName(AgentWebhooks.NAME)
                    .delete();
            client().apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName(GIT_REPOSITORIES)
                    .delete();
        } finally {
            agent.close();
            kube.close();
        }
    }

    private static KubernetesClient client() {
        return kube.client();
    }

    private static String namespace(String name, Map<String, String> labels) {
        client().namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withLabels(labels)
                        .endMetadata()
                        .build())
                .create();
        client().serviceAccounts()
                .inNamespace(name)
                .withName("default")
                .waitUntilCondition(Objects::nonNull, 60, TimeUnit.SECONDS);
        return name;
    }

    private static Pod createPod(String namespace, String image) {
        String yaml =
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: podinfo
                  labels: {app: podinfo}
                spec:
                  initContainers:
                    - name: setup
                      image: nginx:1.23.3
                  containers:
                    - name: podinfo
                      image: %s
                """
                        .formatted(image);
        client().resource(yaml).inNamespace(namespace).create();
        return client().pods().inNamespace(namespace).withName("podinfo").get();
    }

    @Test
    void aPodCreatedThroughTheApiServerComesBackRewritten() {
        Pod pod = createPod(namespace("agent-rewrite", Map.of()), "ghcr.io/stefanprodan/podinfo:6.3.3");
        assertEquals(
                "127.0.0.1:31999/stefanprodan/podinfo:6.3.3-jackal-2985051089",
                pod.getSpec().getContainers().get(0).getImage());
        assertEquals(
                "127.0.0.1:31999/library/nginx:1.23.3-jackal-3793515731",
                pod.getSpec().getInitContainers().get(0).getImage());
        assertEquals(
                "private-registry", pod.getSpec().getImagePullSecrets().get(0).getName());
        assertEquals(
                Map.of("app", "podinfo", "jackal-agent", "patched"),
                pod.getMetadata().getLabels());
        assertEquals(
                "ghcr.io/stefanprodan/podinfo:6.3.3",
                pod.getMetadata().getAnnotations().get("jackal.dev/original-image-podinfo"));
    }

    @Test
    void anEphemeralContainerAddedLaterIsRewrittenToo() {
        String namespace = namespace("agent-debug", Map.of());
        createPod(namespace, "ghcr.io/stefanprodan/podinfo:6.3.3");
        // A strategic merge patch without a resourceVersion, as `kubectl debug` sends it: kwok keeps updating the
        // pod's status, so a read-modify-write edit could meet a 409 Conflict.
        client().pods()
                .inNamespace(namespace)
                .withName("podinfo")
                .ephemeralContainers()
                .patch(
                        PatchContext.of(PatchType.STRATEGIC_MERGE),
                        "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"debugger\",\"image\":\"busybox:1.36\"}]}}");
        Pod pod = client().pods().inNamespace(namespace).withName("podinfo").get();
        String image = pod.getSpec().getEphemeralContainers().get(0).getImage();
        assertTrue(image.startsWith("127.0.0.1:31999/library/busybox:1.36-jackal-"), image);
    }

    @Test
    void aPodInAnIgnoredNamespaceIsNotTouched() {
        Pod pod = createPod(
                namespace("agent-ignored", Map.of("jackal.dev/agent", "ignore")), "ghcr.io/stefanprodan/podinfo:6.3.3");
        assertEquals(
                "ghcr.io/stefanprodan/podinfo:6.3.3",
                pod.getSpec().getContainers().get(0).getImage());
        assertTrue(pod.getSpec().getImagePullSecrets().isEmpty());
        assertEquals(Map.of("app", "podinfo"), pod.getMetadata().getLabels());
    }

    @Test
    void aPodWhoseImageIsNotAReferenceIsRefusedWithTheAgentsMessage() {
        String namespace = namespace("agent-refuse", Map.of());
        KubernetesClientException e =
                assertThrows(KubernetesClientException.class, () -> createPod(namespace, "http://urls.are/not/refs"));
        assertTrue(
                e.getMessage()
                        .contains("admission webhook \"agent-pod.jackal.dev\" denied the request: pod " + namespace
                                + "/podinfo: container 'podinfo' has image 'http://urls.are/not/refs'"),
                e.getMessage());
    }

    private static final String GIT_REPOSITORIES = "gitrepositories.source.toolkit.fluxcd.io";

    @Test
    void aFluxGitRepositoryPointsAtTheGitServer() {
        CustomResourceDefinition crd = client().apiextensions()
                .v1()
                .customResourceDefinitions()
                .load(AgentOnControlPlaneTest.class.getResourceAsStream("/agent/flux-gitrepository-crd.yaml"))
                .item();
        client().apiextensions().v1().customResourceDefinitions().resource(crd).create();
        client().apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(GIT_REPOSITORIES)
                .waitUntilCondition(
                        c -> c.getStatus() != null
                                && c.getStatus().getConditions() != null
                                && c.getStatus().getConditions().stream()
                                        .anyMatch(x -> x.getType().equals("Established")
                                                && x.getStatus().equals("True")),
                        60,
                        TimeUnit.SECONDS);
        String namespace = namespace("agent-flux", Map.of());
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
                .withGroup("source.toolkit.fluxcd.io")
                .withVersion("v1")
                .withKind("GitRepository")
                .withPlural("gitrepositories")
                .withNamespaced(true)
                .build();
        GenericKubernetesResource repo = client().genericKubernetesResources(context)
                .inNamespace(namespace)
                .resource(client().getKubernetesSerialization()
                        .unmarshal(
                                """
                                apiVersion: source.toolkit.fluxcd.io/v1
                                kind: GitRepository
                                metadata:
                                  name: zarf
                                spec:
                                  interval: 1m
                                  url: https://github.com/zarf-dev/zarf.git
                                """,
                                GenericKubernetesResource.class))
                .create();
        Map<String, Object> spec = repo.get("spec");
        assertEquals(
                "http://jackal-gitea-http.jackal.svc.cluster.local:3000/jackal-git-user/zarf-4156197301.git",
                spec.get("url"));
        assertEquals(Map.of("name", "private-git-server"), spec.get("secretRef"));
    }
}
