package dev.jackal.core.remote;

import dev.jackal.core.JackalException;

/** A package in a registry cannot be published or read: a bad {@code oci://} reference, a missing tag or architecture. */
public final class RemotePackageException extends JackalException {
    private static final long serialVersionUID = 1L;

    private final String reference;

    public RemotePackageException(String reference, String message) {
        super(message);
        this.reference = reference;
    }

    public RemotePackageException(String reference, String message, Throwable cause) {
        super(message, cause);
        this.reference = reference;
    }

    /** The {@code oci://} reference at fault, as the user wrote it. */
    public String reference() {
        return reference;
    }
}
