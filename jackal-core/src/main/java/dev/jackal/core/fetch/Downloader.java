package dev.jackal.core.fetch;

import dev.jackal.core.archive.Sha256;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.net.BoundedHttp;
import dev.jackal.core.net.HttpProxy;
import dev.jackal.core.net.ProxiedConnections;
import dev.jackal.core.net.ProxyMessages;
import dev.jackal.core.net.TransferBounds;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Downloads a URL to a file, streaming and hashing while it writes; the file appears only when complete. Every
 * download is bounded by {@link TransferBounds}: a server that does not answer, stalls or trickles fails it. Redirects
 * are followed (at most {@value #MAX_REDIRECTS}), never from HTTPS to plain HTTP. Sent with {@link HttpURLConnection},
 * which needs no TLS context for plain HTTP and reads straight into the caller's buffer.
 *
 * <p>{@link #withProxy(HttpProxy) With an HTTP proxy}, every request, redirects included, goes through it unless it
 * bypasses the host ({@code nonProxyHosts}); see {@link ProxiedConnections}. A proxy that refuses the request or
 * cannot be reached fails the download naming the proxy, never its password.
 */
public final class Downloader {

    private static final int MAX_REDIRECTS = 5;

    private final EventHandler events;
    private final TransferBounds bounds;
    private final HttpProxy proxy;

    /** A downloader with {@link TransferBounds#defaults()}. */
    public Downloader(EventHandler events) {
        this(TransferBounds.defaults(), events);
    }

    public Downloader(TransferBounds bounds, EventHandler events) {
        this(bounds, events, null);
    }

    private Downloader(TransferBounds bounds, EventHandler events, HttpProxy proxy) {
        this.bounds = bounds;
        this.events = events;
        this.proxy = proxy;
    }

    /** This downloader going through {@code proxy}; null connects directly. */
    public Downloader withProxy(HttpProxy proxy) {
        return new Downloader(bounds, events, proxy);
    }

    /**
     * Downloads {@code url} to {@code target} and returns its SHA-256 (hex).
     *
     * @throws DownloadException for HTTP errors and I/O failures, naming the URL and the cause
     */
    public String download(String url, Path target) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new DownloadException(url, "'" + url + "' is not a valid URL: " + e.getMessage(), e);
        }
        String shown = BoundedHttp.safe(uri);
        String task = "download " + shown;
        Path temp = null;
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, ".download", ".tmp");
            HttpURLConnection connection = open(uri);
            long total = connection.getContentLengthLong();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long done = 0;
            try (InputStream in = BoundedHttp.body(
                            connection.getInputStream(), connection.getURL().toURI(), bounds, total);
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedIOException();
                    }
                    out.write(buffer, 0, n);
                    done += n;
                    events.progress(task, done, total, "bytes");
                }
            }
            if (total >= 0 && done != total) {
                throw new IOException("the connection closed after " + done + " of " + total + " bytes");
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            events.finished(task, done, total, "bytes");
            return HexFormat.of().formatHex(sha.digest());
        } catch (DownloadException e) {
            throw e;
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new DownloadException(url, "download of " + shown + " was interrupted", e);
            }
            throw failure(url, uri, e);
        } catch (java.net.URISyntaxException e) {
            throw new DownloadException(url, "cannot download " + shown + ": bad redirect (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private static DownloadException failure(String url, URI uri, IOException e) {
        return new DownloadException(
                url, "cannot download " + BoundedHttp.safe(uri) + ": " + BoundedHttp.describe(e, uri), e);
    }

    /** Opens {@code uri}, following redirects; returns a connection whose status is 2xx. */
    private HttpURLConnection open(URI uri) throws IOException {
        URI current = uri;
        for (int hops = 0; ; hops++) {
            HttpURLConnection connection = ProxiedConnections.open(current.toURL(), proxy);
            BoundedHttp.configure(connection, bounds);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            int status = responseCode(connection, uri, current);
            if (status / 100 == 2) {
                return connection;
            }
            connection.disconnect();
            if (status == 407) {
                throw new DownloadException(
                        uri.toString(),
                        "cannot download " + BoundedHttp.safe(uri) + ": "
                                + ProxyMessages.refused(proxyFor(current), current),
                        null);
            }
            String location = connection.getHeaderField("Location");
            if (status / 100 != 3 || location == null) {
                throw new DownloadException(
                        uri.toString(),
                        "downloading " + BoundedHttp.safe(uri) + " failed with HTTP " + status
                                + (current.equals(uri) ? "" : " (redirected to " + BoundedHttp.safe(current) + ")")
                                + "; check the URL",
                        null);
            }
            URI next = current.resolve(location);
            if (hops >= MAX_REDIRECTS || "https".equals(current.getScheme()) && !"https".equals(next.getScheme())) {
                throw new DownloadException(
                        uri.toString(),
                        "downloading " + BoundedHttp.safe(uri) + " failed: "
                                + (hops >= MAX_REDIRECTS
                                        ? "more than " + MAX_REDIRECTS + " redirects"
                                        : "a redirect from HTTPS to " + BoundedHttp.safe(next) + " is not followed"),
                        null);
            }
            current = next;
        }
    }

    /** The status of {@code connection} to {@code current}; a proxy's refused tunnel fails naming the proxy. */
    private int responseCode(HttpURLConnection connection, URI uri, URI current) throws IOException {
        try {
            return BoundedHttp.responseCode(connection, current, bounds);
        } catch (IOException e) {
            ProxyMessages.Refusal refusal =
                    ProxyMessages.tunnelFailure(proxy, current, e).orElse(null);
            if (refusal == null) {
                throw e;
            }
            throw new DownloadException(
                    uri.toString(), "cannot download " + BoundedHttp.safe(uri) + ": " + refusal.message(), e);
        }
    }

    /** The proxy a request to {@code uri} goes through, or null. */
    private HttpProxy proxyFor(URI uri) {
        return proxy != null && proxy.appliesTo(uri) ? proxy : null;
    }

    /** The SHA-256 (hex) of a local file, streamed. */
    public static String sha256(Path file) {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
