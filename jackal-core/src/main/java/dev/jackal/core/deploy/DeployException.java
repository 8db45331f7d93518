package dev.jackal.core.deploy;

import dev.jackal.core.JackalException;

/** Deploying a component failed; names the component and the field, never a sensitive value. */
public final class DeployException extends JackalException {
    private static final long serialVersionUID = 1L;

    private final String component;

    public DeployException(String component, String message, Throwable cause) {
        super("component " + component + ": " + message, cause);
        this.component = component;
    }

    public String component() {
        return component;
    }
}
