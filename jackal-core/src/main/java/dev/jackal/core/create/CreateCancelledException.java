package dev.jackal.core.create;

/** The user declined to create the package when asked. */
public final class CreateCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CreateCancelledException(String packageName) {
        super("package create of " + packageName + " was cancelled; nothing was built");
    }
}
