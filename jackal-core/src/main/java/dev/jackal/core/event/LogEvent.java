package dev.jackal.core.event;

import java.util.Objects;

/**
 * A message for the user.
 *
 * @param level how important it is
 * @param message the text; never contains secrets
 */
public record LogEvent(Level level, String message) implements JackalEvent {

    /** Importance, from the most to the least. */
    public enum Level {
        ERROR,
        WARN,
        /** A step of the overall job: shown even when output is quiet. */
        LIFECYCLE,
        INFO,
        DEBUG
    }

    public LogEvent {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
    }
}
