package dev.jackal.core.oci;

/** A string is not a digest jackal accepts ({@code sha256:} followed by 64 lower-case hex digits). */
public final class InvalidDigestException extends OciException {
    private static final long serialVersionUID = 1L;

    private final String value;

    public InvalidDigestException(String value, String reason) {
        super("invalid digest " + quote(value) + ": " + reason);
        this.value = value;
    }

    /** The rejected value. */
    public String value() {
        return value;
    }
}
