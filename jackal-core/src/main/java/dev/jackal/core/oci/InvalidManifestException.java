package dev.jackal.core.oci;

/** A manifest, index or {@code index.json} is not a document jackal can use. */
public final class InvalidManifestException extends OciException {
    private static final long serialVersionUID = 1L;

    private final String source;

    public InvalidManifestException(String source, String reason) {
        super("invalid manifest " + source + ": " + reason);
        this.source = source;
    }

    /** Where the document came from: a reference, a digest or a file. */
    public String source() {
        return source;
    }
}
