package dev.jackal.cluster.state;

import dev.jackal.core.JackalException;

/** An init flag that cannot work, e.g. an external registry without credentials. Names the flag, never a value. */
public final class StateOptionsException extends JackalException {
    private static final long serialVersionUID = 1L;
    private final String flag;

    public StateOptionsException(String flag, String message) {
        super(flag + ": " + message);
        this.flag = flag;
    }

    /** The flag at fault, e.g. {@code --registry-url}. */
    public String flag() {
        return flag;
    }
}
