package dev.jackal.core.deploy;

/** The requested components cannot be selected; says which and suggests names. */
public final class SelectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SelectionException(String message) {
        super(message);
    }
}
