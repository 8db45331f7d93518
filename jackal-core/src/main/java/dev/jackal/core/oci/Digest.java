package dev.jackal.core.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest: {@code sha256:} and 64 lower-case hex digits. The only algorithm jackal accepts is SHA-256. */
public final class Digest implements Comparable<Digest> {

    /** The algorithm prefix, without the colon. */
    public static final String SHA256 = "sha256";

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*");

    private final String hex;

    private Digest(String hex) {
        this.hex = hex;
    }

    /** Parses {@code sha256:<64 hex>}. */
    public static Digest of(String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidDigestException(value, "a digest is required");
        }
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new InvalidDigestException(value, "expected sha256:<64 hex digits>");
        }
        String algorithm = value.substring(0, colon);
        if (!SHA256.equals(algorithm)) {
            String reason = ALGORITHM.matcher(algorithm).matches()
                    ? "unsupported algorithm " + quoteShort(algorithm) + "; only sha256 is supported"
                    : "expected sha256:<64 hex digits>";
            throw new InvalidDigestException(value, reason);
        }
        return ofHex(value, value.substring(colon + 1));
    }

    /** A SHA-256 digest from its 64 hex digits. */
    public static Digest ofHex(String hex) {
        return ofHex(hex, hex);
    }

    private static Digest ofHex(String original, String hex) {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new InvalidDigestException(original, "a sha256 digest has exactly 64 lower-case hex digits");
        }
        return new Digest(hex);
    }

    /** Whether {@code value} parses as a digest. */
    public static boolean isValid(String value) {
        try {
            of(value);
            return true;
        } catch (InvalidDigestException e) {
            return false;
        }
    }

    /** The SHA-256 digest of {@code bytes}. */
    public static Digest sha256(byte[] bytes) {
        return fromHash(newHash().digest(bytes));
    }

    /** A fresh SHA-256 hash function, to hash a stream while it is written. */
    public static MessageDigest newHash() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The digest of a finished SHA-256 hash. */
    public static Digest fromHash(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 hash has 32 bytes, not " + sha256.length);
        }
        return new Digest(HexFormat.of().formatHex(sha256));
    }

    public String algorithm() {
        return SHA256;
    }

    /** The 64 hex digits. */
    public String hex() {
        return hex;
    }

    /** The first 12 hex digits, for progress displays. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public int compareTo(Digest other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Digest d && d.hex.equals(hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    /** {@code sha256:<hex>}. */
    @Override
    public String toString() {
        return SHA256 + ":" + hex;
    }

    private static String quoteShort(String s) {
        return "\"" + (s.length() > 20 ? s.substring(0, 20) + "..." : s) + "\"";
    }
}
