package dev.jackal.core.fetch;

import dev.jackal.core.archive.Sha256;
import dev.jackal.core.event.EventHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Downloads a URL to a file, streaming and hashing while it writes; the file appears only when complete.
 */
public final class Downloader {

    private final EventHandler events;
    private HttpClient client;

    /**
     * A downloader whose HTTP client is built on first use: building one loads the JVM's default TLS context
     * (a few hundred milliseconds on a cold JVM), which a create without remote files never needs.
     */
    public Downloader(EventHandler events) {
        this.events = events;
    }

    public Downloader(HttpClient client, EventHandler events) {
        this.client = client;
        this.events = events;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(30))
                    .build();
        }
        return client;
    }

    /**
     * Downloads {@code url} to {@code target} and returns its SHA-256 (hex).
     *
     * @throws DownloadException for HTTP errors and I/O failures
     */
    public String download(String url, Path target) {
        String task = "download " + url;
        Path temp = null;
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".download", ".tmp");
            HttpResponse<InputStream> response = client().send(
                            HttpRequest.newBuilder(URI.create(url)).GET().build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() / 100 != 2) {
                response.body().close();
                throw new DownloadException(
                        url,
                        "downloading " + url + " failed with HTTP " + response.statusCode() + "; check the URL",
                        null);
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long done = 0;
            try (InputStream in = response.body();
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    done += n;
                    events.progress(task, done, total, "bytes");
                }
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            events.finished(task, done, total, "bytes");
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new DownloadException(url, "cannot download " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException(url, "download of " + url + " was interrupted", e);
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

    /** The SHA-256 (hex) of a local file, streamed. */
    public static String sha256(Path file) {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
    }
}
