package dev.jackal.cluster.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 6902 applier for the operations the agent writes ({@code add}, {@code replace}), written for the
 * tests: {@code replace} fails on a missing member, {@code add} on a missing parent, as the RFC says.
 */
final class Rfc6902 {

    private Rfc6902() {}

    static JsonNode apply(JsonNode document, JsonNode patch) {
        JsonNode result = document.deepCopy();
        for (JsonNode operation : patch) {
            String op = operation.path("op").asText();
            List<String> tokens = tokens(operation.path("path").asText());
            JsonNode parent = result;
            for (String token : tokens.subList(0, tokens.size() - 1)) {
                parent = parent.isArray() ? parent.get(Integer.parseInt(token)) : parent.get(token);
                if (parent == null) {
                    throw new IllegalStateException(op + " " + operation.path("path") + ": the parent does not exist");
                }
            }
            String last = tokens.get(tokens.size() - 1);
            JsonNode value = operation.get("value");
            switch (op) {
                case "add" -> add(parent, last, value);
                case "replace" -> replace(parent, last, value, operation);
                default -> throw new IllegalStateException("unexpected operation " + op);
            }
        }
        return result;
    }

    private static void add(JsonNode parent, String token, JsonNode value) {
        if (parent instanceof ObjectNode object) {
            object.set(token, value);
        } else if (parent instanceof ArrayNode array) {
            if (token.equals("-")) {
                array.add(value);
            } else {
                array.insert(Integer.parseInt(token), value);
            }
        } else {
            throw new IllegalStateException("add into a scalar");
        }
    }

    private static void replace(JsonNode parent, String token, JsonNode value, JsonNode operation) {
        if (parent instanceof ObjectNode object && object.has(token)) {
            object.set(token, value);
        } else if (parent instanceof ArrayNode array
                && token.matches("\\d+")
                && Integer.parseInt(token) < array.size()) {
            array.set(Integer.parseInt(token), value);
        } else {
            throw new IllegalStateException("replace " + operation.path("path") + ": the member does not exist");
        }
    }

    private static List<String> tokens(String pointer) {
        if (!pointer.startsWith("/")) {
            throw new IllegalStateException("not a JSON pointer: " + pointer);
        }
        List<String> tokens = new ArrayList<>();
        for (String token : pointer.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }
}
