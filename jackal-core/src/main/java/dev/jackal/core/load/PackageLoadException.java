package dev.jackal.core.load;

import dev.jackal.core.JackalException;
import java.nio.file.Path;

/** A package cannot be loaded: missing, damaged, tampered with or hostile. Names the file at fault. */
public final class PackageLoadException extends JackalException {
    private static final long serialVersionUID = 1L;

    private final Path source;

    public PackageLoadException(Path source, String message, Throwable cause) {
        super(message, cause);
        this.source = source;
    }

    public Path source() {
        return source;
    }
}
