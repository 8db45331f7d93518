package dev.jackal.core.oci;

/** TLS with the registry failed: an untrusted certificate, or HTTP and HTTPS mixed up. */
public final class RegistryTlsException extends OciException {
    private static final long serialVersionUID = 1L;

    private final String registry;

    public RegistryTlsException(String registry, String message, Throwable cause) {
        super(message, cause);
        this.registry = registry;
    }

    public String registry() {
        return registry;
    }
}
