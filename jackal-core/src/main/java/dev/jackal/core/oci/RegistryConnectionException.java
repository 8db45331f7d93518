package dev.jackal.core.oci;

/** The registry could not be reached: unknown host, connection refused, timeout, or a broken connection. */
public final class RegistryConnectionException extends OciException {
    private static final long serialVersionUID = 1L;

    private final String registry;

    public RegistryConnectionException(String registry, String message, Throwable cause) {
        super(message, cause);
        this.registry = registry;
    }

    public String registry() {
        return registry;
    }
}
