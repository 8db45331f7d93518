package dev.jackal.core.oci;

import dev.jackal.core.net.BoundedHttp;
import dev.jackal.core.net.TransferBounds;
import dev.jackal.core.net.TransferTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Streams a file (or a few bytes) as a request body over an {@link HttpURLConnection} (fixed length, 1 MiB writes, no copy of the file
 * in memory), bounded like a download: a socket write cannot time out by itself, so a watchdog closes the connection
 * when no byte has left for the read timeout, or when the body outlasts its deadline (connect + read timeout + size ÷
 * minimum rate); the failure then names the URL and the bound.
 */
final class UploadBody {

    private static final int BUFFER = 1 << 20;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "jackal-upload-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    /** What a request sends: its size and a way to read it (again, for a retry). */
    interface Source {
        long size() throws IOException;

        InputStream open() throws IOException;

        static Source of(Path file) {
            return new Source() {
                @Override
                public long size() throws IOException {
                    return Files.size(file);
                }

                @Override
                public InputStream open() throws IOException {
                    return Files.newInputStream(file);
                }
            };
        }

        static Source of(byte[] bytes) {
            return new Source() {
                @Override
                public long size() {
                    return bytes.length;
                }

                @Override
                public InputStream open() {
                    return new java.io.ByteArrayInputStream(bytes);
                }
            };
        }
    }

    private UploadBody() {}

    /** Writes {@code body} as the body of {@code connection} (not yet connected); {@code sent} hears each write. */
    static void write(HttpURLConnection connection, URI uri, Source body, TransferBounds bounds, LongConsumer sent)
            throws IOException {
        long size = body.size();
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(size);
        long start = System.nanoTime();
        long deadline = bounds.deadline(size).map(Duration::toNanos).orElse(Long.MAX_VALUE);
        long stall = bounds.readTimeout().toNanos();
        long[] lastProgress = {start};
        String[] broken = {null};
        ScheduledFuture<?> watch = WATCHDOG.scheduleAtFixedRate(
                () -> {
                    long now = System.nanoTime();
                    String reason = null;
                    synchronized (lastProgress) {
                        if (now - lastProgress[0] > stall) {
                            reason = "no byte of the upload left for "
                                    + bounds.readTimeout().toSeconds() + " s";
                        } else if (now - start > deadline) {
                            reason = "the upload of " + size + " bytes took longer than "
                                    + Duration.ofNanos(deadline).toSeconds() + " s";
                        }
                        if (reason != null && broken[0] == null) {
                            broken[0] = reason;
                        }
                    }
                    if (reason != null) {
                        connection.disconnect();
                    }
                },
                250,
                250,
                TimeUnit.MILLISECONDS);
        try (InputStream in = body.open();
                OutputStream out = connection.getOutputStream()) {
            byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(1, size))];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                synchronized (lastProgress) {
                    lastProgress[0] = System.nanoTime();
                }
                sent.accept(n);
            }
        } catch (IOException e) {
            synchronized (lastProgress) {
                if (broken[0] != null) {
                    throw new TransferTimeoutException(
                            BoundedHttp.safe(uri), broken[0] + " (" + BoundedHttp.safe(uri) + ")", e);
                }
            }
            throw e;
        } finally {
            watch.cancel(false);
        }
    }
}
