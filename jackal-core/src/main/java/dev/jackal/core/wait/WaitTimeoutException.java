package dev.jackal.core.wait;

/** The time ran out before the awaited state was seen; the message names what was awaited. */
public final class WaitTimeoutException extends WaitException {
    private static final long serialVersionUID = 1L;

    public WaitTimeoutException(String message) {
        super(message);
    }
}
