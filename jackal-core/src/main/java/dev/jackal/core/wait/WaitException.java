package dev.jackal.core.wait;

import dev.jackal.core.JackalException;

/** A wait could not be met in time, or was asked for something that cannot be waited for. */
public class WaitException extends JackalException {
    private static final long serialVersionUID = 1L;

    public WaitException(String message) {
        super(message);
    }

    public WaitException(String message, Throwable cause) {
        super(message, cause);
    }
}
