package dev.jackal.core.oci;

import java.nio.file.Path;

/** An OCI image layout directory is missing, unreadable or malformed, or could not be written. */
public final class OciLayoutException extends OciException {
    private static final long serialVersionUID = 1L;

    private final Path directory;

    public OciLayoutException(Path directory, String message, Throwable cause) {
        super(message, cause);
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
