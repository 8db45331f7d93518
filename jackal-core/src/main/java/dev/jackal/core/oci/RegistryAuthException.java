package dev.jackal.core.oci;

/** The registry refused access (HTTP 401 or 403): no credentials, wrong credentials, or too few rights. */
public final class RegistryAuthException extends OciException {
    private static final long serialVersionUID = 1L;

    private final String reference;
    private final String registry;
    private final int status;

    public RegistryAuthException(String reference, String registry, int status, String message) {
        super(message);
        this.reference = reference;
        this.registry = registry;
        this.status = status;
    }

    /** The image reference (or repository) the request was for. */
    public String reference() {
        return reference;
    }

    public String registry() {
        return registry;
    }

    /** 401 or 403. */
    public int status() {
        return status;
    }
}
