package dev.jackal.core.deploy;

import dev.jackal.core.JackalException;

/** A deploy-time variable has a value its pattern refuses; never carries a sensitive value. */
public final class VariableException extends JackalException {
    private static final long serialVersionUID = 1L;

    private final String variable;

    public VariableException(String variable, String message) {
        super(message);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
