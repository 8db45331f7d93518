package dev.jackal.core.create;

import dev.jackal.core.JackalException;

/**
 * Building a component failed. Names the component and the field (YAML path inside the component, e.g.
 * {@code files[2].shasum}) and says what to do.
 */
public final class CreateException extends JackalException {
    private static final long serialVersionUID = 1L;

    private final String component;
    private final String field;

    public CreateException(String component, String field, String message) {
        this(component, field, message, null);
    }

    public CreateException(String component, String field, String message, Throwable cause) {
        super("component " + component + (field.isEmpty() ? "" : ", " + field) + ": " + message, cause);
        this.component = component;
        this.field = field;
    }

    public String component() {
        return component;
    }

    public String field() {
        return field;
    }
}
