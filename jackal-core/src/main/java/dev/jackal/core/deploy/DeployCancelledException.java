package dev.jackal.core.deploy;

/** The user declined the deploy, or it could not be confirmed. Nothing was changed. */
public final class DeployCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeployCancelledException(String message) {
        super(message);
    }
}
