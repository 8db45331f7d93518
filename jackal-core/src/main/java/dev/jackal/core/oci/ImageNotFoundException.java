package dev.jackal.core.oci;

/** The registry or layout has no such repository, tag, manifest or blob (HTTP 404). */
public final class ImageNotFoundException extends OciException {
    private static final long serialVersionUID = 1L;

    private final String reference;

    public ImageNotFoundException(String reference, String message) {
        super(message);
        this.reference = reference;
    }

    /** What was looked for: a reference, or a reference and a blob digest. */
    public String reference() {
        return reference;
    }
}
