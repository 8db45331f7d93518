package dev.jackal.core.publish;

import dev.jackal.core.archive.Sha256;
import dev.jackal.core.create.Architectures;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.layout.Directories;
import dev.jackal.core.layout.PackageLayout;
import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.load.PackageLoader;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.oci.Digest;
import dev.jackal.core.remote.ArtifactCopier;
import dev.jackal.core.remote.ArtifactPusher;
import dev.jackal.core.remote.PackageFiles;
import dev.jackal.core.remote.PackageUrl;
import dev.jackal.core.remote.PublishResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code package publish} (spec §4.1): a package archive is unpacked and verified as deploy would, then published
 * file by file, the digests taken from its verified {@code checksums.txt}; a package directory is published as its
 * skeleton ({@link SkeletonBuilder}). The same tag holds every architecture published for a version.
 */
public final class PackagePublisher {

    private final EventHandler events;
    private final Path tempRoot;

    public PackagePublisher(EventHandler events, Path tempRoot) {
        this.events = events;
        this.tempRoot = tempRoot;
    }

    public PublishResult publish(PublishRequest request) {
        String prefix = PackageUrl.repositoryPrefix(request.destination());
        ArtifactPusher pusher = new ArtifactPusher(request.options(), events, tempRoot);
        if (Files.isDirectory(request.source())) {
            return publishSkeleton(request, prefix, pusher);
        }
        try (LoadedPackage loaded = new PackageLoader(events, tempRoot).load(request.source(), Optional.empty())) {
            PackageLayout layout = loaded.layout();
            return pusher.push(files(layout.root()), loaded.pkg(), prefix, request.overwrite(), request.annotations());
        } catch (IOException e) {
            throw new PublishException(request.source(), "cannot read " + request.source() + ": " + e.getMessage(), e);
        }
    }

    /** Copies one architecture of a published package to another repository, keeping its manifest's digest. */
    public PublishResult copy(CopyRequest request) {
        String prefix = PackageUrl.repositoryPrefix(request.destination());
        return new ArtifactCopier(request.options(), events, tempRoot)
                .copy(request.source(), request.architecture(), Architectures.host(), prefix);
    }

    private PublishResult publishSkeleton(PublishRequest request, String prefix, ArtifactPusher pusher) {
        Path temp = null;
        try {
            temp = Files.createTempDirectory(tempRoot, "jackal-skeleton-");
            PackageLayout layout = new PackageLayout(temp.resolve("package"));
            events.lifecycle("building the skeleton of " + request.source());
            JackalPackage pkg =
                    SkeletonBuilder.build(request.source(), request.flavor(), layout, temp.resolve("staging"));
            return pusher.push(files(layout.root()), pkg, prefix, request.overwrite(), request.annotations());
        } catch (IOException e) {
            throw new PublishException(
                    request.source(), "cannot build the skeleton of " + request.source() + ": " + e.getMessage(), e);
        } finally {
            Directories.delete(temp);
        }
    }

    /**
     * Every file of the verified package directory with its digest: from {@code checksums.txt} (verified while the
     * package was unpacked), hashed here only for the files it does not list (the definition, the checksums, the
     * signature).
     */
    static PackageFiles files(Path root) throws IOException {
        Map<String, String> listed = new HashMap<>();
        Path checksums = root.resolve(PackageLayout.CHECKSUMS);
        for (String line : Files.readAllLines(checksums, StandardCharsets.UTF_8)) {
            int space = line.indexOf(' ');
            if (space == 64) {
                listed.put(line.substring(space + 1), line.substring(0, space));
            }
        }
        Map<String, Digest> digests = new HashMap<>();
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .toList();
        }
        for (Path file : all) {
            String name = root.relativize(file).toString().replace('\\', '/');
            String hex = listed.get(name);
            digests.put(name, Digest.ofHex(hex != null ? hex : Sha256.of(file)));
        }
        return new PackageFiles(root, digests);
    }
}
