package dev.jackal.injector;

import dev.jackal.core.JackalException;

/** The seed payload cannot be built: a seed image is missing or incomplete, names clash, or the disk fails. */
public final class SeedPayloadException extends JackalException {
    private static final long serialVersionUID = 1L;

    private final String subject;

    SeedPayloadException(String subject, String message) {
        super(message);
        this.subject = subject;
    }

    SeedPayloadException(String subject, String message, Throwable cause) {
        super(message, cause);
        this.subject = subject;
    }

    /** The image reference or file the failure is about. */
    public String subject() {
        return subject;
    }
}
