package dev.jackal.core.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.oci.BlobUpload;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.Digest;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.ManifestContent;
import dev.jackal.core.oci.MediaTypes;
import dev.jackal.core.oci.Platform;
import dev.jackal.core.oci.RegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes an unpacked package as an OCI artifact (spec §4.1): every file becomes a layer, uploaded from its file
 * unless the repository has it (HEAD first), a bounded number at a time; then the config, the manifest (by digest),
 * and the index under the tag, where the package's architecture replaces its old entry or is added next to the
 * others. Running it again after an interruption sends only what the registry lacks.
 */
public final class ArtifactPusher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClient client;
    private final int concurrency;
    private final EventHandler events;
    private final Path tempRoot;

    public ArtifactPusher(RemoteOptions options, EventHandler events, Path tempRoot) {
        this(options.client(), options.concurrency(), events, tempRoot);
    }

    ArtifactPusher(RegistryClient client, int concurrency, EventHandler events, Path tempRoot) {
        this.client = client;
        this.concurrency = concurrency;
        this.events = events;
        this.tempRoot = tempRoot;
    }

    /**
     * Publishes {@code files} of {@code pkg} to {@code prefix/<name>:<tag>}; unless {@code overwrite}, a tag that holds
     * another package of the same architecture is refused before anything is sent.
     */
    public PublishResult push(PackageFiles files, JackalPackage pkg, String prefix, boolean overwrite) {
        return push(files, pkg, prefix, overwrite, Map.of());
    }

    /**
     * As {@link #push(PackageFiles, JackalPackage, String, boolean)}, with {@code extra} annotations on the manifest
     * and the config next to the package's own, which they never replace.
     */
    public PublishResult push(
            PackageFiles files, JackalPackage pkg, String prefix, boolean overwrite, Map<String, String> extra) {
        String tag = PackageArtifact.tag(pkg, PackageUrl.SCHEME + prefix);
        ImageReference target = PackageUrl.parse(
                PackageUrl.SCHEME + prefix + "/" + pkg.metadata().name() + ":" + tag);
        String arch = PackageArtifact.architecture(pkg);
        List<Descriptor> layers = layers(files);
        Map<String, String> annotations = PackageArtifact.annotations(pkg);
        new TreeMap<>(extra).forEach(annotations::putIfAbsent);
        byte[] config = config(arch, annotations);
        Descriptor configDescriptor =
                Descriptor.of(PackageArtifact.CONFIG_MEDIA_TYPE, Digest.sha256(config), config.length);
        ManifestContent manifest = ManifestContent.of(
                manifest(configDescriptor, layers, annotations), MediaTypes.OCI_MANIFEST, target.toString());

        if (!overwrite) {
            IndexUpdate.requireAbsentOrSame(client, target, arch, manifest.digest());
        }
        events.lifecycle("publishing " + pkg.metadata().name() + " (" + arch + ") to " + PackageUrl.format(target));
        Map<Digest, Path> blobs = new LinkedHashMap<>();
        for (Descriptor layer : layers) {
            blobs.putIfAbsent(layer.digest(), files.path(layer.annotations().get(PackageArtifact.TITLE)));
        }
        Map<Digest, Descriptor> unique = new LinkedHashMap<>();
        layers.forEach(l -> unique.putIfAbsent(l.digest(), l));
        long total = unique.values().stream().mapToLong(Descriptor::size).sum() + config.length;
        AtomicLong sent = new AtomicLong();
        AtomicInteger uploaded = new AtomicInteger();
        AtomicLong uploadedBytes = new AtomicLong();
        AtomicInteger present = new AtomicInteger();
        String task = "publish " + target;
        Path configFile = writeTemp(config);
        try {
            List<Descriptor> all = new ArrayList<>(unique.values());
            all.add(configDescriptor);
            blobs.put(configDescriptor.digest(), configFile);
            Bounded.run(all, concurrency, blob -> {
                BlobUpload.Outcome outcome =
                        client.uploadBlob(target, blob, blobs.get(blob.digest()), Optional.empty(), n -> {
                            events.progress(task, sent.addAndGet(n), total, "bytes");
                        });
                if (outcome == BlobUpload.Outcome.UPLOADED) {
                    uploaded.incrementAndGet();
                    uploadedBytes.addAndGet(blob.size());
                } else {
                    present.incrementAndGet();
                    events.progress(task, sent.addAndGet(blob.size()), total, "bytes");
                }
            });
        } finally {
            deleteQuietly(configFile);
        }
        events.finished(task, total, total, "bytes");
        ImageReference byDigest = target.withDigest(manifest.digest());
        if (client.manifestDigest(byDigest).isEmpty()) {
            client.pushManifest(byDigest, manifest);
        }
        Descriptor entry =
                manifest.descriptor().withPlatform(new Platform(PackageArtifact.PLATFORM_OS, arch, null, null, null));
        ManifestContent index = IndexUpdate.with(client, target, entry, events);
        if (client.manifestDigest(target).filter(index.digest()::equals).isEmpty()) {
            client.pushManifest(target, index);
        }
        events.lifecycle("published " + PackageUrl.format(target) + " (" + arch + ", manifest " + manifest.digest()
                + "; " + uploaded.get() + " blobs uploaded, " + present.get() + " already there)");
        return new PublishResult(
                target,
                arch,
                manifest.digest(),
                manifest.size(),
                index.digest(),
                index.size(),
                layers.size(),
                uploaded.get(),
                uploadedBytes.get(),
                present.get());
    }

    /** One layer per file, sorted by digest (then title), so the manifest's bytes depend only on the package. */
    private static List<Descriptor> layers(PackageFiles files) {
        List<Descriptor> layers = new ArrayList<>();
        for (Map.Entry<String, Digest> file : files.digests().entrySet()) {
            long size;
            try {
                size = Files.size(files.path(file.getKey()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + files.path(file.getKey()) + ": " + e.getMessage(), e);
            }
            layers.add(Descriptor.of(PackageArtifact.LAYER_MEDIA_TYPE, file.getValue(), size)
                    .withAnnotation(PackageArtifact.TITLE, file.getKey()));
        }
        layers.sort(Comparator.comparing((Descriptor d) -> d.digest().toString())
                .thenComparing(d -> d.annotations().get(PackageArtifact.TITLE)));
        return layers;
    }

    private static byte[] config(String arch, Map<String, String> annotations) {
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", arch);
        config.put("ociVersion", PackageArtifact.OCI_VERSION);
        ObjectNode a = config.putObject("annotations");
        annotations.forEach(a::put);
        return write(config);
    }

    private static byte[] manifest(Descriptor config, List<Descriptor> layers, Map<String, String> annotations) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.set("config", config.toJson());
        ArrayNode array = manifest.putArray("layers");
        layers.forEach(l -> array.add(l.toJson()));
        ObjectNode a = manifest.putObject("annotations");
        annotations.forEach(a::put);
        return write(manifest);
    }

    static byte[] write(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    private Path writeTemp(byte[] bytes) {
        try {
            Path file = Files.createTempFile(tempRoot, "jackal-config-", ".json");
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary file in " + tempRoot + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file
        }
    }
}
