package dev.jackal.core.wait;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Checks something again and again, a short interval apart, until it holds or the time is up. The first
 * check is immediate and the last one happens at the deadline.
 */
public final class Poll {

    /** How long to sleep between checks unless told otherwise. */
    public static final Duration INTERVAL = Duration.ofMillis(500);

    /** One check: {@code null} when the awaited state holds, else why not yet (shown on timeout). */
    @FunctionalInterface
    public interface Probe {
        String notYet();
    }

    private Poll() {}

    /**
     * Polls {@code probe} until it holds.
     *
     * @param awaited what is awaited, for the timeout message: {@code pod/app in namespace x to be Ready}
     * @throws WaitTimeoutException {@code timed out after 30s waiting for <awaited> (<last reason>)}
     */
    public static void until(Duration timeout, Duration interval, Probe probe, Supplier<String> awaited) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String reason = probe.notYet();
            if (reason == null) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new WaitTimeoutException("timed out after " + format(timeout) + " waiting for " + awaited.get()
                        + (reason.isEmpty() ? "" : " (" + reason + ")"));
            }
            try {
                Thread.sleep(Math.max(1, Math.min(interval.toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WaitException("interrupted while waiting for " + awaited.get(), e);
            }
        }
    }

    /** A duration as Go prints one, which is how users wrote it: {@code 500ms}, {@code 30s}, {@code 5m0s}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        long wholeSeconds = millis / 1000 % 60;
        long fraction = millis % 1000;
        String seconds = fraction == 0
                ? Long.toString(wholeSeconds)
                : (wholeSeconds + "." + String.format("%03d", fraction)).replaceAll("0+$", "");
        StringBuilder out = new StringBuilder();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(seconds).append('s').toString();
    }
}
