package dev.jackal.core.create;

import dev.jackal.core.fetch.Downloader;
import dev.jackal.core.fetch.Sources;
import dev.jackal.core.layout.ComponentLayout;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.FileSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/** Puts each {@code files[]} entry at {@code files/<index>/<basename of target>} (spec §2.3). */
final class FileAssembler {

    private final Fetcher fetcher;

    FileAssembler(Fetcher fetcher) {
        this.fetcher = fetcher;
    }

    void assemble(Component component, ComponentLayout layout) throws IOException {
        for (int i = 0; i < component.files().size(); i++) {
            FileSpec file = component.files().get(i);
            String field = "files[" + i + "]";
            Path target = layout.file(i, file.target());
            if (file.extractPath() != null && !file.extractPath().isEmpty()) {
                Path archive = layout.temp()
                        .resolve("extract-" + i + "-"
                                + ComponentLayout.basename(
                                        Sources.isHttp(file.source())
                                                ? Sources.basename(file.source())
                                                : file.source()));
                fetcher.fetch(file.source(), archive, component.name(), field + ".source");
                Files.createDirectories(target.getParent());
                if (!ArchiveEntries.extract(archive, file.extractPath(), target)) {
                    throw new CreateException(
                            component.name(),
                            field + ".extractPath",
                            "'" + file.extractPath() + "' is not a file in " + file.source());
                }
            } else {
                fetcher.fetch(file.source(), target, component.name(), field + ".source");
            }
            if (file.shasum() != null && !file.shasum().isEmpty()) {
                if (Files.isDirectory(target)) {
                    throw new CreateException(
                            component.name(),
                            field + ".shasum",
                            "a shasum can only be checked for a single file, and '" + file.source()
                                    + "' is a directory");
                }
                String actual = Downloader.sha256(target);
                if (!actual.equals(file.shasum().toLowerCase(Locale.ROOT))) {
                    throw new CreateException(
                            component.name(),
                            field + ".shasum",
                            "'" + file.source()
                                    + "' has SHA-256 " + actual + ", not " + file.shasum()
                                    + "; the source changed or the shasum is wrong");
                }
            }
            boolean executable = Boolean.TRUE.equals(file.executable()) || Files.isDirectory(target);
            Files.setPosixFilePermissions(
                    target, PosixFilePermissions.fromString(executable ? "rwx------" : "rw-------"));
        }
    }
}
