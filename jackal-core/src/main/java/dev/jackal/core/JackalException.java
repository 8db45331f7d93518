package dev.jackal.core;

/**
 * The root of every failure a user can act on: bad input, an unreachable service, a refused object. Its message
 * is complete on its own (it names the file, field, reference or object involved and, where there is one, the fix)
 * and never holds a password or token, so every front end prints it as it is, on one line and without a stack
 * trace. Anything that is not a {@code JackalException} is a bug or an environment failure and is reported with
 * its type.
 */
public abstract class JackalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected JackalException(String message) {
        super(message);
    }

    protected JackalException(String message, Throwable cause) {
        super(message, cause);
    }
}
