package dev.jackal.core;

/**
 * A build was told to stay offline and needs something its cache does not hold: an image (or the digest a tag
 * named when it was last resolved), a remote file, a chart or a git repository. The message names the source and
 * ends with "offline and not cached"; each front end adds how to fill the cache (the Maven goal says
 * {@code mvn jackal:go-offline}, the CLI one online run).
 */
public final class OfflineException extends JackalException {
    private static final long serialVersionUID = 1L;

    private final String source;

    /** @param source what was needed, as the user wrote it (e.g. {@code image 127.0.0.1:5000/app:1.0}) */
    public OfflineException(String source) {
        super(source + ": offline and not cached");
        this.source = source;
    }

    public String source() {
        return source;
    }
}
