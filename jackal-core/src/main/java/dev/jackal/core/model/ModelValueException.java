package dev.jackal.core.model;

/** A model value was given in a shape the model refuses; carries the field, relative to its record. */
public final class ModelValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public ModelValueException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field, e.g. {@code images}. */
    public String field() {
        return field;
    }
}
