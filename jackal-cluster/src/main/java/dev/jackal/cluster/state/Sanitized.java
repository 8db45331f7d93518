package dev.jackal.cluster.state;

/** How secrets look in any rendering meant for people (debug output, {@code toString()}). */
final class Sanitized {

    static final String MARK = "**sanitized**";

    private Sanitized() {}

    /** {@link #MARK} for a secret that is set, the empty string or null as they are. */
    static String secret(String value) {
        return value == null || value.isEmpty() ? value : MARK;
    }

    static String secret(byte[] value) {
        return value == null ? null : MARK;
    }
}
