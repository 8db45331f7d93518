package dev.jackal.core.load;

import dev.jackal.core.archive.ChecksumException;
import dev.jackal.core.archive.Checksums;
import dev.jackal.core.archive.ExtractOptions;
import dev.jackal.core.archive.SafeExtractor;
import dev.jackal.core.archive.SplitArchive;
import dev.jackal.core.archive.SplitArchiveException;
import dev.jackal.core.archive.UnsafeEntryException;
import dev.jackal.core.definition.DefinitionException;
import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.layout.Directories;
import dev.jackal.core.layout.PackageLayout;
import dev.jackal.core.model.JackalPackage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads a package archive for inspect and deploy (spec §5): a split package is joined first (its parts
 * are replaced by the whole archive), the archive is extracted as hostile input into a new temporary
 * directory, {@code jackal.yaml} is read, and every file is verified against {@code checksums.txt} and the
 * aggregate checksum before anything uses it.
 */
public final class PackageLoader {

    private final EventHandler events;
    private final Path tempRoot;

    public PackageLoader(EventHandler events, Path tempRoot) {
        this.events = events;
        this.tempRoot = tempRoot;
    }

    /** Loads {@code source} ({@code .tar.zst}, {@code .tar} or {@code .part000}). */
    public LoadedPackage load(Path source, Optional<String> shasum) {
        if (!Files.isRegularFile(source)) {
            throw new PackageLoadException(source, "no package at " + source, null);
        }
        Path archive = source;
        Path temp = null;
        try {
            if (source.getFileName().toString().endsWith(".part000")) {
                events.info("joining the parts of " + source.getFileName());
                archive = SplitArchive.join(source, shasum);
            }
            temp = Files.createTempDirectory(tempRoot, "jackal-package-");
            PackageLayout layout = new PackageLayout(temp.resolve("package"));
            events.info("extracting " + archive.getFileName());
            SafeExtractor.extract(archive, layout.root(), ExtractOptions.defaults());
            if (!Files.isRegularFile(layout.definition())) {
                throw new PackageLoadException(
                        archive, archive + " is not a jackal package: it has no " + PackageLayout.DEFINITION, null);
            }
            String text = Files.readString(layout.definition(), StandardCharsets.UTF_8);
            JackalPackage pkg = DefinitionReader.parse(layout.definition(), text, DefinitionReader.Strictness.LENIENT)
                    .pkg();
            String aggregate = pkg.metadata() == null ? null : pkg.metadata().aggregateChecksum();
            if (aggregate == null || aggregate.isEmpty()) {
                throw new PackageLoadException(
                        archive,
                        archive + " has no metadata.aggregateChecksum; it was not"
                                + " made by package create or was altered",
                        null);
            }
            events.info("verifying checksums");
            Checksums.verify(layout.root(), aggregate);
            return new LoadedPackage(archive, layout, pkg, text);
        } catch (ChecksumException e) {
            cleanup(temp);
            throw new PackageLoadException(
                    archive, archive.getFileName() + " failed verification: " + e.getMessage(), e);
        } catch (UnsafeEntryException | SplitArchiveException | DefinitionException e) {
            cleanup(temp);
            throw new PackageLoadException(archive, e.getMessage(), e);
        } catch (IOException e) {
            cleanup(temp);
            throw new PackageLoadException(archive, "cannot read " + archive + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cleanup(temp);
            throw e;
        }
    }

    private static void cleanup(Path temp) {
        Directories.delete(temp);
    }
}
