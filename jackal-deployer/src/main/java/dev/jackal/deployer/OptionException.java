package dev.jackal.deployer;

import dev.jackal.core.JackalException;

/**
 * An option names something that cannot be used (a file where a directory is needed, a directory that does not
 * exist); the message says which option, which value and why, in one line.
 */
final class OptionException extends JackalException {
    private static final long serialVersionUID = 1L;

    private final String option;
    private final String value;

    OptionException(String option, Object value, String problem) {
        super(option + " " + value + ": " + problem);
        this.option = option;
        this.value = String.valueOf(value);
    }

    String option() {
        return option;
    }

    String value() {
        return value;
    }
}
