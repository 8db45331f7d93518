package dev.jackal.core.wait;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a cluster wait waits for (spec §10 {@code wait-for … CONDITION}), as {@code kubectl wait --for} reads it:
 * {@code exists} (also empty, {@code exist}, {@code create}), {@code delete}, a condition type such as
 * {@code Ready} or {@code Available} (optionally {@code Type=Status}, default status {@code True}), or a
 * JSONPath comparison {@code {.status.phase}=Running} (single quotes around it are dropped, as a shell would).
 */
public sealed interface WaitCondition {

    /** The object exists. */
    record Exists() implements WaitCondition {
        @Override
        public String describe() {
            return "exist";
        }
    }

    /** The object is gone. */
    record Deleted() implements WaitCondition {
        @Override
        public String describe() {
            return "be deleted";
        }
    }

    /** {@code .status.conditions[type=TYPE].status} equals {@code status} (both case-insensitive). */
    record Condition(String type, String status) implements WaitCondition {
        @Override
        public String describe() {
            return status.equalsIgnoreCase("true") ? "be " + type : "have condition " + type + "=" + status;
        }

        @Override
        public String notMet(Map<String, Object> object) {
            for (Object entry : list(Readiness.path(object, "status", "conditions"))) {
                if (!(entry instanceof Map<?, ?> condition)
                        || !type.equalsIgnoreCase(String.valueOf(condition.get("type")))
                        || condition.get("status") == null) {
                    continue;
                }
                Object observed = condition.containsKey("observedGeneration")
                        ? condition.get("observedGeneration")
                        : Readiness.path(object, "status", "observedGeneration");
                Object generation = Readiness.path(object, "metadata", "generation");
                if (observed instanceof Number o && generation instanceof Number g && o.longValue() < g.longValue()) {
                    return "condition " + type + " describes generation " + o + ", not the current " + g;
                }
                String actual = String.valueOf(condition.get("status"));
                return actual.equalsIgnoreCase(status) ? null : "condition " + type + " is " + actual;
            }
            return "no condition " + type + " yet";
        }
    }

    /** The single value {@code path} selects, printed as kubectl prints it, equals {@code value}. */
    record JsonPathEquals(JsonPath path, String value) implements WaitCondition {
        @Override
        public String describe() {
            return "have " + path + "=" + value;
        }

        @Override
        public String notMet(Map<String, Object> object) {
            List<Object> found = path.evaluate(object);
            if (found.isEmpty()) {
                return path + " is not set";
            }
            if (found.size() > 1) {
                return path + " selects " + found.size() + " values, not one";
            }
            Optional<String> actual = JsonPath.scalar(found.get(0));
            if (actual.isEmpty()) {
                return path + " selects " + (found.get(0) == null ? "null" : "an object or a list") + ", not a value";
            }
            return actual.get().equals(value) ? null : path + " is " + actual.get();
        }
    }

    /** How the timeout message ends: {@code … to <describe()>}. */
    String describe();

    /**
     * Checks one existing object (as JSON maps and lists).
     *
     * @return null when the object meets the condition, else why not
     */
    default String notMet(Map<String, Object> object) {
        return this instanceof Deleted ? "it still exists" : null;
    }

    /**
     * Reads a condition argument.
     *
     * @throws WaitException when a JSONPath is malformed or uses what is not supported
     */
    static WaitCondition parse(String text) {
        String condition = text == null ? "" : text.strip();
        String lower = condition.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "", "exist", "exists", "create", "created" -> {
                return new Exists();
            }
            case "delete", "deleted" -> {
                return new Deleted();
            }
            default -> {
                // fall through to the other forms
            }
        }
        String unquoted = condition.startsWith("'") ? condition.substring(1) : condition;
        if (unquoted.startsWith("{")) {
            return jsonPath(condition, unquoted);
        }
        int eq = condition.indexOf('=');
        if (eq > 0) {
            return new Condition(condition.substring(0, eq), condition.substring(eq + 1));
        }
        return new Condition(condition, "True");
    }

    private static WaitCondition jsonPath(String condition, String unquoted) {
        int depth = 0;
        for (int i = 0; i < unquoted.length(); i++) {
            char c = unquoted.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                String rest = unquoted.substring(i + 1);
                rest = rest.startsWith("'") ? rest.substring(1) : rest;
                if (!rest.startsWith("=")) {
                    break;
                }
                String value = rest.substring(1).strip();
                if (value.length() >= 2
                        && (value.charAt(0) == '\'' || value.charAt(0) == '"')
                        && value.charAt(value.length() - 1) == value.charAt(0)) {
                    value = value.substring(1, value.length() - 1);
                } else if (value.endsWith("'") && condition.startsWith("'")) {
                    value = value.substring(0, value.length() - 1);
                }
                return new JsonPathEquals(JsonPath.parse(unquoted.substring(0, i + 1)), value);
            }
        }
        throw new WaitException("invalid JSONPath condition " + condition + ": write it as '{.status.phase}'=Running");
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
