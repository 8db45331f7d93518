package dev.jackal.core.oci;

/** Credentials could not be read: a malformed Docker config, or a credential helper that failed. */
public final class CredentialsException extends OciException {
    private static final long serialVersionUID = 1L;

    private final String registry;

    public CredentialsException(String registry, String message, Throwable cause) {
        super(message, cause);
        this.registry = registry;
    }

    /** The registry the credentials were for. */
    public String registry() {
        return registry;
    }
}
