package dev.jackal.core.event;

import java.util.Objects;

/**
 * Progress of one long task.
 *
 * @param task what is being done, e.g. {@code pull ghcr.io/app:1.0}; the same text for every event of the task
 * @param done units done so far
 * @param total units in all, or -1 when unknown
 * @param unit {@code bytes} or {@code items}
 * @param finished whether this is the task's last event
 */
public record ProgressEvent(String task, long done, long total, String unit, boolean finished) implements JackalEvent {

    public ProgressEvent {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(unit, "unit");
    }
}
