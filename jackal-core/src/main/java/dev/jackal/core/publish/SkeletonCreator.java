package dev.jackal.core.publish;

import dev.jackal.core.archive.ArchiveOptions;
import dev.jackal.core.archive.PackageArchiver;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.create.CreateResult;
import dev.jackal.core.create.PackageNames;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.layout.Directories;
import dev.jackal.core.layout.PackageLayout;
import dev.jackal.core.model.JackalPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Writes the skeleton of a package directory (spec §3.6, see {@link SkeletonBuilder}) as an archive with the normal
 * package layout and checksums: {@code jackal-package-<name>-skeleton[-<version>][-<flavor>].tar.zst}. Nothing is
 * fetched: no image, no remote chart or file. With a fixed timestamp, the same sources give the same bytes.
 */
public final class SkeletonCreator {

    private final EventHandler events;
    private final SkeletonResolver skeletons;

    /** @param skeletons resolves the definition's own remote and Maven imports */
    public SkeletonCreator(EventHandler events, SkeletonResolver skeletons) {
        this.events = events;
        this.skeletons = skeletons;
    }

    public CreateResult create(SkeletonRequest request) {
        Path temp = null;
        try {
            Path output = Files.createDirectories(request.outputDir());
            temp = Files.createTempDirectory(output, ".jackal-skeleton-");
            PackageLayout layout = new PackageLayout(temp.resolve("package"));
            events.lifecycle("building the skeleton of " + request.packageDir());
            JackalPackage pkg = SkeletonBuilder.build(
                    request.packageDir(),
                    request.flavor(),
                    layout,
                    temp.resolve("staging"),
                    request.timestamp(),
                    request.defaultVersion(),
                    skeletons);
            Path archive = output.resolve(PackageNames.archive(pkg, request.flavor()));
            PackageArchiver.archive(
                    layout.root(),
                    archive,
                    ArchiveOptions.defaults()
                            .withUncompressed(Boolean.TRUE.equals(pkg.metadata().uncompressed())));
            Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-r--r--"));
            events.lifecycle("created " + archive + " (aggregate checksum "
                    + pkg.metadata().aggregateChecksum() + ")");
            return new CreateResult(List.of(archive), pkg, pkg.metadata().aggregateChecksum());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot build the skeleton of " + request.packageDir() + ": " + e.getMessage(), e);
        } finally {
            Directories.delete(temp);
        }
    }
}
