package dev.jackal.core.oci;

/** Content did not hash to the digest it was asked for: corrupted in transit, on disk, or by the server. */
public final class DigestMismatchException extends OciException {
    private static final long serialVersionUID = 1L;

    private final Digest expected;
    private final Digest actual;

    public DigestMismatchException(String what, Digest expected, Digest actual) {
        super(what + " has digest " + actual + " but " + expected
                + " was expected; the content was corrupted or changed, try again");
        this.expected = expected;
        this.actual = actual;
    }

    private DigestMismatchException(String message, Digest expected) {
        super(message);
        this.expected = expected;
        this.actual = null;
    }

    /** The content did not have the size its descriptor promised; {@link #actual()} is then null. */
    public static DigestMismatchException wrongSize(String what, Digest expected, long expectedSize, long actualSize) {
        return new DigestMismatchException(
                what + " (" + expected + ") has " + (actualSize > expectedSize ? "more than " : "") + actualSize
                        + " bytes but its descriptor says " + expectedSize + "; the content was corrupted or changed",
                expected);
    }

    public Digest expected() {
        return expected;
    }

    /** The digest of the content received, or null when its size was already wrong. */
    public Digest actual() {
        return actual;
    }
}
