package dev.jackal.core.create;

import dev.jackal.core.fetch.DownloadException;
import dev.jackal.core.fetch.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Brings a definition's source (local path relative to the package, or URL) to a place in the build. */
final class Fetcher {

    private final Path baseDir;
    private final RemoteFiles downloader;

    Fetcher(Path baseDir, RemoteFiles downloader) {
        this.baseDir = baseDir;
        this.downloader = downloader;
    }

    /** Copies or downloads {@code source} to {@code target}; directories are copied whole. */
    void fetch(String source, Path target, String component, String field) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            if (Sources.isHttp(source)) {
                downloader.download(source, target, "component " + component + ", " + field + ":");
                return;
            }
            Path local = baseDir.resolve(source);
            if (Files.isDirectory(local)) {
                SourceTreeCopier.copy(local, target, baseDir);
            } else if (Files.isRegularFile(local)) {
                Files.copy(local, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                throw new CreateException(
                        component, field, "'" + source + "' does not exist (looked in " + local + ")");
            }
        } catch (DownloadException | SourceLinkException e) {
            throw new CreateException(component, field, e.getMessage(), e);
        } catch (IOException e) {
            throw new CreateException(component, field, "cannot copy '" + source + "': " + e.getMessage(), e);
        }
    }

    Path resolveLocal(String source) {
        return baseDir.resolve(source);
    }

    /** The package directory: links in directory sources may reach files below it. */
    Path baseDir() {
        return baseDir;
    }
}
