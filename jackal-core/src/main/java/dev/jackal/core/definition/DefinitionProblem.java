package dev.jackal.core.definition;

import java.util.Objects;

/**
 * One thing wrong with a package definition.
 *
 * @param location where it is
 * @param field the YAML path of the field, e.g. {@code components[1].charts[0].namespace}; empty for the document
 * @param message what is wrong and how to fix it
 */
public record DefinitionProblem(SourceLocation location, String field, String message) {

    public DefinitionProblem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** {@code jackal.yaml:12:7: components[1].charts[0].namespace: message}. */
    @Override
    public String toString() {
        return location + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
