package dev.jackal.core.publish;

import dev.jackal.core.archive.ArchiveOptions;
import dev.jackal.core.archive.PackageArchiver;
import dev.jackal.core.create.PackageNames;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.load.PackageLoader;
import dev.jackal.core.load.RemoteLoad;
import dev.jackal.core.model.JackalPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code package pull} (spec §4.2): every file of one architecture of the package is pulled, verified against its
 * digest and against {@code checksums.txt} and the aggregate checksum, and packed into the archive a create of that
 * package would have written ({@code jackal-package-<name>-<arch>-<version>[-<flavor>].tar.zst}, {@code skeleton} as
 * the architecture for a skeleton).
 */
public final class PackagePuller {

    private final EventHandler events;
    private final Path tempRoot;

    public PackagePuller(EventHandler events, Path tempRoot) {
        this.events = events;
        this.tempRoot = tempRoot;
    }

    public PullResult pull(PullRequest request) {
        PackageLoader loader =
                new PackageLoader(events, tempRoot, RemoteLoad.everything(request.options(), request.architecture()));
        try (LoadedPackage loaded = loader.load(request.url(), Optional.empty(), false)) {
            JackalPackage pkg = loaded.pkg();
            String flavor = pkg.build() == null || pkg.build().flavor() == null
                    ? ""
                    : pkg.build().flavor();
            Path target = request.outputDir().resolve(PackageNames.archive(pkg, flavor));
            try {
                Files.createDirectories(request.outputDir());
                PackageArchiver.archive(
                        loaded.layout().root(),
                        target,
                        ArchiveOptions.defaults()
                                .withUncompressed(
                                        Boolean.TRUE.equals(pkg.metadata().uncompressed())));
            } catch (IOException e) {
                throw new PublishException(target, "cannot write " + target + ": " + e.getMessage(), e);
            }
            long bytes = sizeOf(loaded.layout().root());
            events.lifecycle("pulled " + request.url() + " to " + target);
            return new PullResult(target, pkg, bytes);
        }
    }

    private static long sizeOf(Path root) {
        try (var walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        } catch (IOException e) {
            return -1;
        }
    }
}
