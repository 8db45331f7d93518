package dev.jackal.core.deploy;

import dev.jackal.core.JackalException;

/** The requested components cannot be selected; says which and suggests names. */
public final class SelectionException extends JackalException {
    private static final long serialVersionUID = 1L;

    public SelectionException(String message) {
        super(message);
    }
}
