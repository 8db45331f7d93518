package dev.jackal.core.create;

import dev.jackal.core.JackalException;

/** The user declined to create the package when asked. */
public final class CreateCancelledException extends JackalException {
    private static final long serialVersionUID = 1L;

    public CreateCancelledException(String packageName) {
        super("package create of " + packageName + " was cancelled; nothing was built");
    }
}
