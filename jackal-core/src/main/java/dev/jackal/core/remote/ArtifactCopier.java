package dev.jackal.core.remote;

import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.oci.BlobUpload;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.ManifestContent;
import dev.jackal.core.oci.Platform;
import dev.jackal.core.oci.RegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies one architecture of a published package to another repository (spec §4.2, {@code publish oci://src
 * oci://dst}): the manifest keeps its bytes and digest, each blob the destination lacks goes through a temporary file
 * (never whole in memory), a bounded number at a time, and the destination tag's index gets the entry.
 */
public final class ArtifactCopier {

    private final RegistryClient client;
    private final int concurrency;
    private final EventHandler events;
    private final Path tempRoot;

    public ArtifactCopier(RemoteOptions options, EventHandler events, Path tempRoot) {
        this.client = options.client();
        this.concurrency = options.concurrency();
        this.events = events;
        this.tempRoot = tempRoot;
    }

    /** Copies {@code source} to {@code prefix/<name>:<version>[-<flavor>]}. */
    public PublishResult copy(
            String sourceUrl, Optional<String> architecture, String fallbackArchitecture, String prefix) {
        RemotePackage source = RemotePackage.open(client, sourceUrl, architecture, fallbackArchitecture);
        Path temp = null;
        try {
            temp = Files.createTempDirectory(tempRoot, "jackal-copy-");
            JackalPackage pkg = definition(source, temp);
            String tag = PackageArtifact.tag(pkg, PackageUrl.SCHEME + prefix);
            ImageReference target = PackageUrl.parse(
                    PackageUrl.SCHEME + prefix + "/" + pkg.metadata().name() + ":" + tag);
            String arch = source.architecture().isEmpty() ? PackageArtifact.architecture(pkg) : source.architecture();
            events.lifecycle("copying " + sourceUrl + " (" + arch + ") to " + PackageUrl.format(target));
            Map<String, Descriptor> unique = new LinkedHashMap<>();
            source.manifest().blobs().forEach(b -> unique.putIfAbsent(b.digest().toString(), b));
            AtomicInteger uploaded = new AtomicInteger();
            AtomicLong bytes = new AtomicLong();
            AtomicInteger present = new AtomicInteger();
            Path dir = temp;
            Bounded.run(new ArrayList<>(unique.values()), concurrency, blob -> {
                if (client.blobExists(target, blob.digest())) {
                    present.incrementAndGet();
                    return;
                }
                Path file = dir.resolve(blob.digest().hex());
                try {
                    client.fetchBlob(source.reference(), blob, file);
                    BlobUpload.Outcome outcome =
                            client.uploadBlob(target, blob, file, mountFrom(source, target), n -> {});
                    if (outcome == BlobUpload.Outcome.UPLOADED) {
                        uploaded.incrementAndGet();
                        bytes.addAndGet(blob.size());
                    } else {
                        present.incrementAndGet();
                    }
                } finally {
                    deleteQuietly(file);
                }
            });
            ManifestContent manifest = source.manifest();
            ImageReference byDigest = target.withDigest(manifest.digest());
            if (client.manifestDigest(byDigest).isEmpty()) {
                client.pushManifest(byDigest, manifest);
            }
            Descriptor entry = manifest.descriptor()
                    .withPlatform(new Platform(PackageArtifact.PLATFORM_OS, arch, null, null, null));
            ManifestContent index = IndexUpdate.with(client, target, entry, events);
            if (client.manifestDigest(target).filter(index.digest()::equals).isEmpty()) {
                client.pushManifest(target, index);
            }
            events.lifecycle(
                    "published " + PackageUrl.format(target) + " (" + arch + ", manifest " + manifest.digest() + ")");
            return new PublishResult(
                    target,
                    arch,
                    manifest.digest(),
                    manifest.size(),
                    index.digest(),
                    index.size(),
                    source.layers().size(),
                    uploaded.get(),
                    bytes.get(),
                    present.get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + sourceUrl + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try (var walk = Files.walk(temp)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(ArtifactCopier::deleteQuietly);
                } catch (IOException ignored) {
                    // temporary files
                }
            }
        }
    }

    /** The same registry: the destination can link the blob from the source repository. */
    private static Optional<String> mountFrom(RemotePackage source, ImageReference target) {
        return source.reference().registry().equals(target.registry())
                ? Optional.of(source.reference().repository())
                : Optional.empty();
    }

    private JackalPackage definition(RemotePackage source, Path temp) throws IOException {
        for (String file : List.of("jackal.yaml", "zarf.yaml")) {
            if (source.layer(file).isPresent()) {
                source.fetch(List.of(file), temp, 1, events);
                Path path = temp.resolve(file);
                String text = Files.readString(path, StandardCharsets.UTF_8);
                Files.delete(path);
                return DefinitionReader.parse(Path.of(file), text, DefinitionReader.Strictness.LENIENT)
                        .pkg();
            }
        }
        throw new RemotePackageException(
                source.url(), source.url() + " is not a jackal package: it has no jackal.yaml");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file
        }
    }
}
