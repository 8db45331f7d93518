package dev.jackal.core.archive;

import java.io.IOException;
import java.nio.file.Path;

/** A package cannot be split, or its parts cannot be joined back; names the file concerned. */
public final class SplitArchiveException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public SplitArchiveException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    /** The archive or part the problem is about. */
    public Path file() {
        return file;
    }
}
