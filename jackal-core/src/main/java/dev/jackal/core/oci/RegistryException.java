package dev.jackal.core.oci;

/** The registry answered with an unexpected HTTP status (after retries, for 5xx). */
public final class RegistryException extends OciException {
    private static final long serialVersionUID = 1L;

    private final String registry;
    private final int status;

    public RegistryException(String registry, int status, String message) {
        super(message);
        this.registry = registry;
        this.status = status;
    }

    public String registry() {
        return registry;
    }

    public int status() {
        return status;
    }
}
