package dev.jackal.core.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The one JSON mapper of the OCI client; it only reads documents and writes jackal's own ones. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** Parses a JSON object, or fails with an {@link InvalidManifestException} naming {@code source}. */
    static ObjectNode readObject(byte[] bytes, String source) {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidManifestException(source, "not JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidManifestException(source, "not a JSON object");
        }
        return object;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
