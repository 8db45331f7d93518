package dev.jackal.cluster.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackal.cluster.kube.Labels;
import dev.jackal.cluster.state.StateSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Finds the cluster's registry in the state secret {@code jackal/jackal-state} (key {@code state}, spec §7.3): its
 * {@code registryInfo} {@code address}, push and pull credentials and {@code internalRegistry}. A small adapter on
 * purpose, to be replaced by the state model once it exists.
 */
public final class RegistryTargets {

    // the state's own names: one place says where the state lives
    public static final String NAMESPACE = Labels.NAMESPACE;
    public static final String SECRET = StateSecret.NAME;
    public static final String KEY = StateSecret.KEY;

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryTargets() {}

    /** The registry of the cluster, or empty when it has no state (not initialised). */
    public static Optional<RegistryTarget> find(KubernetesClient client) {
        Secret secret;
        try {
            secret = client.secrets().inNamespace(NAMESPACE).withName(SECRET).get();
        } catch (KubernetesClientException e) {
            throw new PushException("cannot read the secret " + NAMESPACE + "/" + SECRET + ": " + e.getMessage(), e);
        }
        if (secret == null || secret.getData() == null || !secret.getData().containsKey(KEY)) {
            return Optional.empty();
        }
        byte[] state;
        try {
            state = Base64.getDecoder().decode(secret.getData().get(KEY));
        } catch (IllegalArgumentException e) {
            throw invalid("the key " + KEY + " is not base64", e);
        }
        return Optional.of(parse(new String(state, StandardCharsets.UTF_8)));
    }

    /** The registry described by a state document's {@code registryInfo}. */
    public static RegistryTarget parse(String stateJson) {
        JsonNode state;
        try {
            state = JSON.readTree(stateJson);
        } catch (IOException e) {
            throw invalid("the state is not JSON", null);
        }
        JsonNode info = state == null ? null : state.get("registryInfo");
        if (info == null || !info.isObject()) {
            throw invalid("it has no registryInfo", null);
        }
        String address = text(info, "address");
        if (address.isEmpty()) {
            throw invalid("registryInfo.address is empty", null);
        }
        String pushUser = text(info, "pushUsername");
        if (pushUser.isEmpty()) {
            throw invalid("registryInfo.pushUsername is empty", null);
        }
        String pullUser = text(info, "pullUsername");
        boolean internal = info.path("internalRegistry").asBoolean(false);
        return new RegistryTarget(
                address,
                pushUser,
                text(info, "pushPassword"),
                pullUser.isEmpty() ? pushUser : pullUser,
                pullUser.isEmpty() ? text(info, "pushPassword") : text(info, "pullPassword"),
                internal,
                RegistryTarget.Service.REGISTRY);
    }

    private static String text(JsonNode info, String field) {
        JsonNode value = info.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static PushException invalid(String why, Throwable cause) {
        return new PushException(
                "the cluster's state " + NAMESPACE + "/" + SECRET + " cannot be used: " + why
                        + "; run 'jackal init' again to repair it",
                cause);
    }
}
