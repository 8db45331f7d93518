package dev.jackal.maven;

import dev.jackal.core.event.EventHandler;
import dev.jackal.core.event.JackalEvent;
import dev.jackal.core.event.LogEvent;
import dev.jackal.core.event.ProgressEvent;
import org.apache.maven.plugin.logging.Log;

/** Renders the core's events through Maven's log; progress only when a task finishes. */
final class MavenEvents implements EventHandler {

    private final Log log;

    MavenEvents(Log log) {
        this.log = log;
    }

    @Override
    public synchronized void handle(JackalEvent event) {
        if (event instanceof LogEvent message) {
            switch (message.level()) {
                case ERROR -> log.error(message.message());
                case WARN -> log.warn(message.message());
                case LIFECYCLE, INFO -> log.info(message.message());
                case DEBUG -> log.debug(message.message());
            }
        } else if (event instanceof ProgressEvent progress && progress.finished()) {
            log.info(progress.task() + ": done (" + progress.done() + " " + progress.unit() + ")");
        }
    }
}
