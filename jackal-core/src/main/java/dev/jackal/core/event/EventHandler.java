package dev.jackal.core.event;

/** Receives the core's events. Implementations must be thread-safe: events come from worker threads. */
@FunctionalInterface
public interface EventHandler {

    void handle(JackalEvent event);

    /** Drops everything. */
    EventHandler NONE = event -> {};

    default void lifecycle(String message) {
        handle(new LogEvent(LogEvent.Level.LIFECYCLE, message));
    }

    default void info(String message) {
        handle(new LogEvent(LogEvent.Level.INFO, message));
    }

    default void warn(String message) {
        handle(new LogEvent(LogEvent.Level.WARN, message));
    }

    default void debug(String message) {
        handle(new LogEvent(LogEvent.Level.DEBUG, message));
    }

    default void progress(String task, long done, long total, String unit) {
        handle(new ProgressEvent(task, done, total, unit, false));
    }

    default void finished(String task, long done, long total, String unit) {
        handle(new ProgressEvent(task, done, total, unit, true));
    }
}
