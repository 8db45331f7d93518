package dev.jackal.cluster.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The RFC 6902 operations a mutation answers with, in order. {@link #set} writes a member with {@code replace} when
 * it exists and {@code add} when it does not, so every patch is valid under RFC 6902 (where {@code replace} needs
 * an existing member) and not only under the Kubernetes API server's lenient reading of it.
 */
public final class JsonPatch {

    private final ArrayNode operations = JsonNodeFactory.instance.arrayNode();

    /** {@code replace} at {@code path}, which must exist. */
    public JsonPatch replace(String path, JsonNode value) {
        return operation("replace", path, value);
    }

    /** {@code add} at {@code path}: creates a member or replaces an existing one. */
    public JsonPatch add(String path, JsonNode value) {
        return operation("add", path, value);
    }

    /** Sets member {@code field} of {@code parent} (found at {@code parentPath}): {@code replace} or {@code add}. */
    public JsonPatch set(ObjectNode parent, String parentPath, String field, JsonNode value) {
        String path = parentPath + "/" + escape(field);
        return parent != null && parent.has(field) ? replace(path, value) : add(path, value);
    }

    public boolean isEmpty() {
        return operations.isEmpty();
    }

    /** The operations as a JSON array. */
    public ArrayNode operations() {
        return operations.deepCopy();
    }

    /** One JSON Pointer reference token: {@code ~} and {@code /} escaped (RFC 6901). */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private JsonPatch operation(String op, String path, JsonNode value) {
        ObjectNode operation = operations.addObject();
        operation.put("op", op);
        operation.put("path", path);
        operation.set("value", value);
        return this;
    }
}
