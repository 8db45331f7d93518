package dev.jackal.cluster.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.cluster.kube.Labels;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The state's one secret, {@code jackal/jackal-state} (spec §7.3): type Opaque, labelled
 * {@code app.kubernetes.io/managed-by=jackal}, the JSON under the key {@code state}. Pure conversions both ways; a
 * state that does not read says which field, never its content.
 */
public final class StateSecret {

    public static final String NAME = "jackal-state";
    public static final String KEY = "state";

    private static final JsonMapper JSON = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private StateSecret() {}

    public static Secret secret(JackalState state) {
        return new SecretBuilder()
                .withNewMetadata()
                .withName(NAME)
                .withNamespace(Labels.NAMESPACE)
                .addToLabels(Labels.MANAGED_BY, Labels.JACKAL)
                .endMetadata()
                .withType("Opaque")
                .withData(Map.of(
                        KEY, Base64.getEncoder().encodeToString(toJson(state).getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    public static String toJson(JackalState state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the jackal state", e);
        }
    }

    public static JackalState read(Secret secret) {
        String data = secret.getData() == null ? null : secret.getData().get(KEY);
        if (data == null) {
            throw new ClusterException(
                    "the secret " + Labels.NAMESPACE + "/" + NAME + " has no '" + KEY
                            + "' key; was it written by jackal?",
                    null);
        }
        byte[] json;
        try {
            json = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new ClusterException(
                    "the '" + KEY + "' key of the secret " + Labels.NAMESPACE + "/" + NAME + " is not base64", null);
        }
        return fromJson(new String(json, StandardCharsets.UTF_8));
    }

    /** Parses the state's JSON; the error names the field, and carries no cause, which could quote a password. */
    public static JackalState fromJson(String json) {
        try {
            JackalState state = JSON.readValue(json, JackalState.class);
            if (state == null) {
                throw new ClusterException(where() + " is empty", null);
            }
            return state;
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? "" : " at " + path(e);
            throw new ClusterException(
                    where() + " is not a jackal state: a value" + field + " has the wrong type", null);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")";
            throw new ClusterException(where() + " is not valid JSON" + at, null);
        }
    }

    private static String where() {
        return "the state in the secret " + Labels.NAMESPACE + "/" + NAME;
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
