package dev.jackal.cluster.agent;

import dev.jackal.core.JackalException;

/**
 * The agent cannot do what it was asked: an object it cannot mutate (an image that is not a reference, a URL that is
 * not a git URL) or a state file it cannot read. The message names the object and value and never holds a secret;
 * for an admission request it becomes the {@code status.message} of an {@code allowed: false} answer.
 */
public final class AgentException extends JackalException {
    private static final long serialVersionUID = 1L;

    public AgentException(String message) {
        super(message);
    }

    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
