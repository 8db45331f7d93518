package dev.jackal.core.publish;

import dev.jackal.core.JackalException;
import java.nio.file.Path;

/** A package cannot be published or pulled: its source or output cannot be used. Names the path at fault. */
public final class PublishException extends JackalException {
    private static final long serialVersionUID = 1L;

    private final Path path;

    public PublishException(Path path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
