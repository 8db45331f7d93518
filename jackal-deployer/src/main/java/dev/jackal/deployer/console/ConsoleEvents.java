package dev.jackal.deployer.console;

import dev.jackal.core.event.EventHandler;
import dev.jackal.core.event.JackalEvent;
import dev.jackal.core.event.LogEvent;
import dev.jackal.core.event.ProgressEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Renders the core's events on the console. Messages go to the error stream (standard output stays for
 * command results). On a terminal, active tasks are drawn as progress bars in a footer that one thread
 * redraws; elsewhere (CI logs) each task prints a line at most every few seconds and when it ends.
 */
public final class ConsoleEvents implements EventHandler, AutoCloseable {

    private final PrintWriter err;
    private final LogEvent.Level threshold;
    private final boolean terminal;
    private final Duration lineInterval;
    private final Map<String, ProgressEvent> active = new LinkedHashMap<>();
    private final Map<String, Long> lastLine = new LinkedHashMap<>();
    private final ScheduledExecutorService painter;
    private int footerLines;

    /**
     * @param terminal whether to draw bars (a TTY, progress not turned off)
     * @param threshold the least important level shown
     */
    public ConsoleEvents(PrintWriter err, LogEvent.Level threshold, boolean terminal, Duration lineInterval) {
        this.err = err;
        this.threshold = threshold;
        this.terminal = terminal;
        this.lineInterval = lineInterval;
        if (terminal) {
            painter = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "jackal-progress");
                t.setDaemon(true);
                return t;
            });
            painter.scheduleAtFixedRate(this::repaint, 200, 200, TimeUnit.MILLISECONDS);
        } else {
            painter = null;
        }
    }

    @Override
    public synchronized void handle(JackalEvent event) {
        if (event instanceof LogEvent log) {
            if (log.level().ordinal() <= threshold.ordinal()) {
                clearFooter();
                err.println(prefix(log.level()) + log.message());
                drawFooter();
                err.flush();
            }
        } else if (event instanceof ProgressEvent progress) {
            progress(progress);
        }
    }

    private void progress(ProgressEvent progress) {
        if (progress.finished()) {
            active.remove(progress.task());
            lastLine.remove(progress.task());
            if (!terminal && threshold.ordinal() >= LogEvent.Level.INFO.ordinal()) {
                err.println(Bars.line(progress));
                err.flush();
            }
            return;
        }
        active.put(progress.task(), progress);
        if (!terminal && threshold.ordinal() >= LogEvent.Level.INFO.ordinal()) {
            long now = System.nanoTime();
            Long last = lastLine.get(progress.task());
            if (last == null || now - last >= lineInterval.toNanos()) {
                lastLine.put(progress.task(), now);
                err.println(Bars.line(progress));
                err.flush();
            }
        }
    }

    private synchronized void repaint() {
        clearFooter();
        drawFooter();
        err.flush();
    }

    private void clearFooter() {
        for (int i = 0; i < footerLines; i++) {
            err.print("\033[1A\033[2K");
        }
        footerLines = 0;
    }

    private void drawFooter() {
        if (!terminal) {
            return;
        }
        int shown = 0;
        for (ProgressEvent progress : active.values()) {
            if (shown++ == 8) {
                break;
            }
            err.println(Bars.bar(progress, 30));
            footerLines++;
        }
    }

    private static String prefix(LogEvent.Level level) {
        return switch (level) {
            case ERROR -> "ERROR: ";
            case WARN -> "WARNING: ";
            case DEBUG -> "DEBUG: ";
            default -> "";
        };
    }

    @Override
    public synchronized void close() {
        if (painter != null) {
            painter.shutdownNow();
        }
        clearFooter();
        err.flush();
    }
}
