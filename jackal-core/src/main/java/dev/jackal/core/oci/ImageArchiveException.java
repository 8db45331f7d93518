package dev.jackal.core.oci;

import java.nio.file.Path;

/**
 * An OCI image archive (an image layout packed as a tar, e.g. Jib's {@code jib:buildTar} with the OCI format) is
 * unreadable, holds an entry that is not part of an image layout, is incomplete, or does not match what the build
 * says about it. The message names the archive and, where there is one, the entry.
 */
public final class ImageArchiveException extends OciException {
    private static final long serialVersionUID = 1L;

    private final transient Path archive;

    public ImageArchiveException(Path archive, String message) {
        this(archive, message, null);
    }

    public ImageArchiveException(Path archive, String message, Throwable cause) {
        super(message, cause);
        this.archive = archive;
    }

    /** The archive. */
    public Path archive() {
        return archive;
    }
}
