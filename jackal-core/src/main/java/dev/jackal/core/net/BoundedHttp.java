package dev.jackal.core.net;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Applies {@link TransferBounds} to {@link HttpURLConnection}s: their connect and read timeouts, a body stream that
 * checks the minimum rate and the deadline, and failures turned into {@link TransferTimeoutException}s whose
 * messages name the URL and the bound that was broken.
 */
public final class BoundedHttp {

    private BoundedHttp() {}

    /** Sets the connection's connect and read timeouts. */
    public static void configure(HttpURLConnection connection, TransferBounds bounds) {
        connection.setConnectTimeout(bounds.connectMillis());
        connection.setReadTimeout(bounds.readMillis());
    }

    /** Sends the request and waits for the status, within the connect and read timeouts. */
    public static int responseCode(HttpURLConnection connection, URI uri, TransferBounds bounds) throws IOException {
        try {
            return connection.getResponseCode();
        } catch (SocketTimeoutException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("connect timed out")) {
                throw new TransferTimeoutException(
                        safe(uri),
                        "cannot connect to " + hostPort(uri) + " within "
                                + TransferBounds.describe(bounds.connectTimeout()) + " (" + safe(uri) + ")",
                        e);
            }
            throw new TransferTimeoutException(
                    safe(uri),
                    "no answer within " + TransferBounds.describe(bounds.readTimeout()) + " from " + safe(uri),
                    e);
        }
    }

    /**
     * Wraps a response body: a read that waits longer than the read timeout, a rate below the minimum over a
     * read-timeout-long window, or a body of {@code size} bytes (-1: unknown) that outlasts its deadline fails with a
     * {@link TransferTimeoutException}.
     */
    public static InputStream body(InputStream in, URI uri, TransferBounds bounds, long size) {
        return new Watched(in, safe(uri), bounds, size);
    }

    /** A URL fit for messages: no user info, no query (signed URLs carry tokens there). */
    public static String safe(URI uri) {
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return uri.getScheme() + "://" + uri.getHost() + port + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** What went wrong, in words, for failures whose message may be null or cryptic. */
    public static String describe(IOException e, URI uri) {
        if (e instanceof TransferTimeoutException) {
            return e.getMessage();
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + uri.getHost() + "; check the URL and your DNS or network";
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return "cannot connect to " + hostPort(uri) + " ("
                    + (e.getMessage() == null ? "connection refused" : e.getMessage())
                    + "); check that the server runs and the host and port are right";
        }
        if (e instanceof SSLException) {
            return "TLS with " + hostPort(uri) + " failed: " + e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String hostPort(URI uri) {
        return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /** Checks every read against the bounds. */
    private static final class Watched extends FilterInputStream {
        private final String url;
        private final TransferBounds bounds;
        private final long windowNanos;
        private final long deadline;
        private long total;
        private long windowStart = System.nanoTime();
        private long windowBytes;

        Watched(InputStream in, String url, TransferBounds bounds, long size) {
            super(in);
            this.url = url;
            this.bounds = bounds;
            this.windowNanos = bounds.readTimeout().toNanos();
            this.deadline = bounds.deadline(size)
                    .map(d -> System.nanoTime() + d.toNanos())
                    .orElse(Long.MAX_VALUE);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = in.read(buffer, offset, length);
            } catch (SocketTimeoutException e) {
                throw new TransferTimeoutException(
                        url,
                        "no data for " + TransferBounds.describe(bounds.readTimeout()) + " from " + url + " after "
                                + total + " bytes",
                        e);
            }
            if (n > 0) {
                total += n;
                windowBytes += n;
            }
            check(n < 0);
            return n;
        }

        private void check(boolean ended) throws TransferTimeoutException {
            long now = System.nanoTime();
            if (now - deadline > 0 && !ended) {
                throw new TransferTimeoutException(
                        url,
                        "the download of " + url + " did not finish in time (" + total + " bytes so far, at less than "
                                + bounds.minBytesPerSecond() + " bytes/s)",
                        null);
            }
            long elapsed = now - windowStart;
            if (ended || bounds.minBytesPerSecond() == 0 || elapsed < windowNanos) {
                return;
            }
            double rate = windowBytes * 1e9 / elapsed;
            if (rate < bounds.minBytesPerSecond()) {
                throw new TransferTimeoutException(
                        url,
                        String.format(
                                Locale.ROOT,
                                "%s sends too slowly: %d bytes in the last %s, below the minimum of %d bytes/s",
                                url,
                                windowBytes,
                                TransferBounds.describe(java.time.Duration.ofNanos(elapsed)),
                                bounds.minBytesPerSecond()),
                        null);
            }
            windowStart = now;
            windowBytes = 0;
        }
    }
}
