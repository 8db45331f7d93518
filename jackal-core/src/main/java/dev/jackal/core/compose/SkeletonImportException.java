package dev.jackal.core.compose;

import dev.jackal.core.JackalException;

/**
 * A skeleton named by an import cannot be had: the coordinates are not a dependency, the file is not a skeleton, or
 * the front end cannot resolve that kind of import. Composition places the message at the import's line.
 */
public final class SkeletonImportException extends JackalException {
    private static final long serialVersionUID = 1L;

    private final String source;

    public SkeletonImportException(String source, String message) {
        super(message);
        this.source = source;
    }

    public SkeletonImportException(String source, String message, Throwable cause) {
        super(message, cause);
        this.source = source;
    }

    /** The import as written: {@code groupId:artifactId}, a URL or a path. */
    public String source() {
        return source;
    }
}
