package dev.jackal.core.oci;

/** A string is not a valid image reference such as {@code registry.example/group/app:1.0}. */
public final class InvalidReferenceException extends OciException {
    private static final long serialVersionUID = 1L;

    private final String value;

    public InvalidReferenceException(String value, String reason) {
        super("invalid image reference " + quote(value) + ": " + reason);
        this.value = value;
    }

    /** The rejected value. */
    public String value() {
        return value;
    }
}
