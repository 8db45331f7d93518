package dev.jackal.core.action;

import dev.jackal.core.JackalException;

/** An action's command failed or ran out of time; the message is already redacted. */
public final class ActionFailedException extends JackalException {
    private static final long serialVersionUID = 1L;

    private final String command;

    public ActionFailedException(String command, String message) {
        super(message);
        this.command = command;
    }

    /** The command (or its description), redacted. */
    public String command() {
        return command;
    }
}
