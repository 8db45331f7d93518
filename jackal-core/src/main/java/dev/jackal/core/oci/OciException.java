package dev.jackal.core.oci;

import dev.jackal.core.JackalException;

/**
 * Base of every failure of the OCI client. The message is complete, names the reference or registry involved
 * and, for user errors, suggests a fix; front ends print it without a stack trace. Messages never contain
 * passwords or tokens.
 */
public abstract class OciException extends JackalException {
    private static final long serialVersionUID = 1L;

    protected OciException(String message) {
        super(message);
    }

    protected OciException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Shortens a user-supplied value for a message. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > 120 ? value.substring(0, 117) + "..." : value;
        return "\"" + shown + "\"";
    }
}
