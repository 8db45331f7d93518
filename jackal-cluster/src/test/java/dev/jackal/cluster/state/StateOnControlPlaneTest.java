package dev.jackal.cluster.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.event.LogEvent;
import dev.jackal.test.kube.KubernetesExtension;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The first init on the real control plane labels the namespaces, creates {@code jackal} and writes the state
 * secret in the golden shape (secrets masked); a second init keeps it; no password reaches an event or an error.
 */
class StateOnControlPlaneTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    private static KubernetesClient client;

    @BeforeAll
    static void connect() {
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(KUBE.controlPlane().kubeconfigContents()))
                .build();
    }

    @AfterAll
    static void disconnect() {
        client.secrets().inNamespace("jackal").withName(StateSecret.NAME).delete();
        client.close();
    }

    @Test
    void initCreatesTheStateOnceAndKeepsIt() throws Exception {
        client.secrets().inNamespace("jackal").withName(StateSecret.NAME).delete();
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("app-before-init")
                        .endMetadata()
                        .build())
                .createOr(n -> n.update());
        List<String> texts = Collections.synchronizedList(new ArrayList<>());
        EventHandler events = e -> texts.add(((LogEvent) e).message());

        JackalState state = new StateInitializer(client, events).init(StateOptions.DEFAULTS);

        assertEquals("ignore", labels("app-before-init").get(StateInitializer.AGENT_LABEL));
        assertEquals("ignore", labels("kube-system").get(StateInitializer.AGENT_LABEL));
        assertEquals("ignore", labels("default").get(StateInitializer.AGENT_LABEL));
        assertFalse(
                labels("jackal").containsKey(StateInitializer.AGENT_LABEL), "jackal's own namespace is not ignored");
        assertEquals("jackal", labels("jackal").get("app.kubernetes.io/managed-by"));
        assertTrue(client.serviceAccounts()
                        .inNamespace("jackal")
                        .withName("default")
                        .get()
                != null);

        Secret secret = client.secrets()
                .inNamespace("jackal")
                .withName(StateSecret.NAME)
                .get();
        assertGolden(masked(secret));
        assertEquals(state, StateSecret.read(secret));

        StateOptions different = StateOptions.DEFAULTS.withRegistry(
                new StateOptions.RegistryOptions(null, 30123, null, "another-password", null, null, null));
        JackalState again = new StateInitializer(client, events).init(different);
        assertEquals(state, again, "the second init keeps the state");
        assertEquals(
                secret.getMetadata().getResourceVersion(),
                client.secrets()
                        .inNamespace("jackal")
                        .withName(StateSecret.NAME)
                        .get()
                        .getMetadata()
                        .getResourceVersion(),
                "the secret is not rewritten");
        assertTrue(
                texts.stream().anyMatch(t -> t.contains("--nodeport") && t.contains("--registry-push-password")),
                texts.toString());
        assertFalse(texts.stream().anyMatch(t -> t.contains("another-password")), texts.toString());

        assertNoSecretIn(state, texts);
        ClusterException broken = breakTheSecret(state);
        List<String> errorTexts = new ArrayList<>();
        for (Throwable t = broken; t != null; t = t.getCause()) {
            errorTexts.add(String.valueOf(t.getMessage()));
            errorTexts.add(t.toString());
        }
        assertNoSecretIn(state, errorTexts);
    }

    private static ClusterException breakTheSecret(JackalState state) {
        String json = StateSecret.toJson(state)
                .replace(
                        "\"nodePort\":31999",
                        "\"nodePort\":\"" + state.registryInfo().pushPassword() + "\"");
        client.secrets().inNamespace("jackal").withName(StateSecret.NAME).edit(s -> {
            s.setData(
                    Map.of(StateSecret.KEY, Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))));
            return s;
        });
        ClusterException e = assertThrows(ClusterException.class, () -> new StateInitializer(client, EventHandler.NONE)
                .init(StateOptions.DEFAULTS));
        assertTrue(e.getMessage().contains("registryInfo.nodePort"), e.getMessage());
        return e;
    }

    private static void assertNoSecretIn(JackalState state, List<String> texts) {
        List<String> secrets = StateFactoryTest.secrets(state).toList();
        for (String text : texts) {
            for (String s : secrets) {
                assertFalse(text.contains(s), "a secret shows in: " + text);
            }
        }
    }

    private static Map<String, String> labels(String namespace) {
        Map<String, String> labels =
                client.namespaces().withName(namespace).get().getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    /** The secret with its server fields dropped, its state decoded, passwords masked and PEM blocks named. */
    static String masked(Secret secret) throws Exception {
        JsonNode state = new JsonMapper()
                .readTree(Base64.getDecoder().decode(secret.getData().get(StateSecret.KEY)));
        for (String section : List.of("gitServer", "registryInfo", "artifactServer")) {
            ObjectNode node = (ObjectNode) state.get(section);
            for (String field : List.of("pushPassword", "pullPassword", "secret")) {
                mask(node, field);
            }
        }
        mask((ObjectNode) state, "loggingSecret");
        ObjectNode tls = (ObjectNode) state.get("agentTLS");
        for (String field : List.of("ca", "cert", "key")) {
            String pem = new String(tls.get(field).binaryValue(), StandardCharsets.US_ASCII);
            tls.put(field, pem.lines().findFirst().orElse("") + " …");
        }
        Map<String, Object> shape = new java.util.LinkedHashMap<>();
        shape.put("apiVersion", secret.getApiVersion());
        shape.put("kind", secret.getKind());
        Map<String, Object> metadata = new java.util.LinkedHashMap<>();
        metadata.put("labels", new TreeMap<>(secret.getMetadata().getLabels()));
        metadata.put("name", secret.getMetadata().getName());
        metadata.put("namespace", secret.getMetadata().getNamespace());
        shape.put("metadata", metadata);
        shape.put("type", secret.getType());
        shape.put("data", Map.of(StateSecret.KEY, state));
        return YAMLMapper.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build()
                .writeValueAsString(shape);
    }

    private static void mask(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value != null && !value.asText().isEmpty()) {
            node.put(field, "<" + value.asText().length() + " characters>");
        }
    }

    /** Run with {@code -Djackal.golden.update=true} to rewrite the golden file after a deliberate change. */
    private static void assertGolden(String actual) throws Exception {
        if (Boolean.getBoolean("jackal.golden.update")) {
            java.nio.file.Files.writeString(
                    java.nio.file.Path.of("src/test/resources/golden/jackal-state-secret.yaml"), actual);
            throw new AssertionError("rewrote golden/jackal-state-secret.yaml; review it and run again");
        }
        try (var in = StateOnControlPlaneTest.class.getResourceAsStream("/golden/jackal-state-secret.yaml")) {
            assertNotEquals(null, in, "golden/jackal-state-secret.yaml; actual:\n" + actual);
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual);
        }
    }
}
