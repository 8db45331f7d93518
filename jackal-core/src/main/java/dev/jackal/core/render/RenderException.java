package dev.jackal.core.render;

import dev.jackal.core.JackalException;

/** Helm's rendered output cannot be processed; names the template at fault. */
public final class RenderException extends JackalException {

    private static final long serialVersionUID = 1L;

    private final String source;

    public RenderException(String source, String message, Throwable cause) {
        super(message, cause);
        this.source = source;
    }

    /** The template the bad document came from. */
    public String source() {
        return source;
    }
}
