package dev.jackal.core.create;

import dev.jackal.core.OfflineException;
import dev.jackal.core.fetch.Downloader;
import dev.jackal.core.oci.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Downloads of a create (remote files, manifests, values files, Helm repository indexes and charts) through the
 * cache: online, each URL is downloaded into {@code <cache>/files/<sha256 of the URL>} and copied from there, so the
 * cache always holds the latest bytes; offline, the cached copy is used and a URL never downloaded fails. The URL
 * itself is not written to disk (it may carry credentials). Without a cache directory, downloads go straight to
 * their target.
 */
final class RemoteFiles {

    static final String DIR = "files";

    private final Downloader downloader;
    private final Path dir;
    private final boolean offline;

    RemoteFiles(Downloader downloader, Path cacheDir, boolean offline) {
        this.downloader = downloader;
        this.dir =
                cacheDir == null ? null : cacheDir.toAbsolutePath().normalize().resolve(DIR);
        this.offline = offline;
    }

    /** A downloader without cache, online. */
    static RemoteFiles direct(Downloader downloader) {
        return new RemoteFiles(downloader, null, false);
    }

    /** Puts the content of {@code url} at {@code target}; {@code what} names it in an offline failure. */
    void download(String url, Path target, String what) throws IOException {
        if (dir == null) {
            if (offline) {
                throw new OfflineException(what + " " + url + " (no cache)");
            }
            downloader.download(url, target);
            return;
        }
        Path cached = cached(url);
        if (!offline) {
            Files.createDirectories(dir);
            downloader.download(url, cached);
        } else if (!Files.isRegularFile(cached)) {
            throw new OfflineException(what + " " + url);
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.copy(cached, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The cached copy of {@code url}, when there is one. */
    Optional<Path> lookup(String url) {
        return dir == null ? Optional.empty() : Optional.of(cached(url)).filter(Files::isRegularFile);
    }

    boolean offline() {
        return offline;
    }

    private Path cached(String url) {
        return dir.resolve(Digest.sha256(url.getBytes(StandardCharsets.UTF_8)).hex());
    }
}
