package dev.jackal.core.net;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long one network transfer may take, so that a silent, stalled or trickling server fails the transfer instead
 * of hanging it: connecting may take {@code connectTimeout}; the answer and every next bytes must come within
 * {@code readTimeout}; and in every {@code readTimeout}-long stretch of a body at least {@code minBytesPerSecond ×
 * readTimeout} bytes must arrive (0 turns the rate check off). A body of known size also has an overall deadline of
 * {@code connectTimeout + readTimeout + size / minBytesPerSecond}.
 *
 * @param connectTimeout the longest wait for a TCP connection
 * @param readTimeout the longest wait for the answer or for the next bytes of a body; also the window of the rate check
 * @param minBytesPerSecond the slowest average rate over a window that a body may arrive at; 0 for no limit
 */
public record TransferBounds(Duration connectTimeout, Duration readTimeout, long minBytesPerSecond) {

    private static final TransferBounds DEFAULTS =
            new TransferBounds(Duration.ofSeconds(10), Duration.ofSeconds(30), 1024);

    public TransferBounds {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (connectTimeout.toMillis() < 1 || connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "the connect timeout must be between 1 ms and 24 days: " + connectTimeout);
        }
        if (readTimeout.toMillis() < 1 || readTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the read timeout must be between 1 ms and 24 days: " + readTimeout);
        }
        if (minBytesPerSecond < 0) {
            throw new IllegalArgumentException("the minimum transfer rate must not be negative: " + minBytesPerSecond);
        }
    }

    /** Connect within 10 s, an answer and then bytes at least every 30 s, at least 1 KiB/s over any 30 s. */
    public static TransferBounds defaults() {
        return DEFAULTS;
    }

    public TransferBounds withConnectTimeout(Duration value) {
        return new TransferBounds(value, readTimeout, minBytesPerSecond);
    }

    public TransferBounds withReadTimeout(Duration value) {
        return new TransferBounds(connectTimeout, value, minBytesPerSecond);
    }

    public TransferBounds withMinBytesPerSecond(long value) {
        return new TransferBounds(connectTimeout, readTimeout, value);
    }

    /** The overall deadline for a body of {@code size} bytes; empty when the size is unknown or there is no rate. */
    public Optional<Duration> deadline(long size) {
        if (size < 0 || minBytesPerSecond == 0) {
            return Optional.empty();
        }
        return Optional.of(connectTimeout.plus(readTimeout).plusSeconds(size / minBytesPerSecond));
    }

    int connectMillis() {
        return (int) connectTimeout.toMillis();
    }

    int readMillis() {
        return (int) readTimeout.toMillis();
    }

    /** A duration as people write it: {@code 1.5 s}, {@code 30 s}, {@code 250 ms}. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return millis < 1000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
