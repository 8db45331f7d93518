package dev.jackal.core.deploy;

import dev.jackal.core.JackalException;

/** The user declined the deploy, or it could not be confirmed. Nothing was changed. */
public final class DeployCancelledException extends JackalException {

    private static final long serialVersionUID = 1L;

    public DeployCancelledException(String message) {
        super(message);
    }
}
