package dev.jackal.core.remote;

import dev.jackal.core.event.EventHandler;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.ManifestContent;
import dev.jackal.core.oci.RegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * One architecture of a package in a registry (spec §4.2): the tag's index is resolved, the manifest of the wanted
 * architecture chosen, and its layers (the package's files) fetched on demand, each verified against its digest on the
 * way in, a bounded number at a time, only those asked for.
 */
public final class RemotePackage {

    /** A layer's title: a relative path of plain names, nothing that could leave the package directory. */
    private static final Pattern SAFE_TITLE = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private final RegistryClient client;
    private final String url;
    private final ImageReference manifestReference;
    private final String architecture;
    private final ManifestContent manifest;
    private final Map<String, Descriptor> layers;
    private final AtomicLong bytesFetched = new AtomicLong();

    private RemotePackage(
            RegistryClient client,
            String url,
            ImageReference manifestReference,
            String architecture,
            ManifestContent manifest,
            Map<String, Descriptor> layers) {
        this.client = client;
        this.url = url;
        this.manifestReference = manifestReference;
        this.architecture = architecture;
        this.manifest = manifest;
        this.layers = layers;
    }

    /**
     * Resolves {@code url} ({@code oci://…}) and picks the manifest of {@code architecture}; without one, the only
     * non-skeleton manifest, else the one of {@code fallbackArchitecture} (the machine's).
     */
    public static RemotePackage open(
            RegistryClient client, String url, Optional<String> architecture, String fallbackArchitecture) {
        ImageReference reference = PackageUrl.parse(url);
        ManifestContent top = client.manifest(reference);
        String arch;
        ManifestContent chosen;
        ImageReference at;
        if (top.isIndex()) {
            Descriptor entry = choose(url, top.manifests(), architecture, fallbackArchitecture);
            arch = entry.platform().orElseThrow().architecture();
            at = reference.withDigest(entry.digest());
            chosen = client.manifest(at);
        } else {
            chosen = top;
            at = reference.withDigest(top.digest());
            arch = architecture.orElse("");
        }
        if (chosen.isIndex()
                || chosen.blobs().isEmpty()
                || !PackageArtifact.isPackageConfig(chosen.blobs().get(0).mediaType())) {
            throw new RemotePackageException(
                    url,
                    url + " is not a jackal package: its manifest's config is "
                            + (chosen.blobs().isEmpty()
                                    ? "missing"
                                    : chosen.blobs().get(0).mediaType())
                            + ", not " + PackageArtifact.CONFIG_MEDIA_TYPE
                            + "; publish it with jackal package publish");
        }
        Map<String, Descriptor> layers = new LinkedHashMap<>();
        for (Descriptor layer : chosen.blobs().subList(1, chosen.blobs().size())) {
            String title = layer.annotations().get(PackageArtifact.TITLE);
            if (title == null || !SAFE_TITLE.matcher(title).matches() || title.contains("..")) {
                throw new RemotePackageException(
                        url,
                        url + " has a layer " + layer.digest() + " whose title "
                                + (title == null
                                        ? "is missing"
                                        : "\"" + title + "\" is not a relative path inside a package")
                                + "; the artifact is damaged or hostile");
            }
            if (layers.putIfAbsent(title, layer) != null) {
                throw new RemotePackageException(
                        url, url + " names the file " + title + " twice; the artifact is damaged");
            }
        }
        return new RemotePackage(client, url, at, arch, chosen, layers);
    }

    private static Descriptor choose(
            String url, List<Descriptor> entries, Optional<String> wanted, String fallbackArchitecture) {
        List<Descriptor> packages = entries.stream()
                .filter(e -> e.platform()
                        .filter(p -> PackageArtifact.PLATFORM_OS.equals(p.os()))
                        .isPresent())
                .toList();
        List<String> available = packages.stream()
                .map(e -> e.platform().orElseThrow().architecture())
                .toList();
        String arch;
        if (wanted.isPresent()) {
            arch = wanted.get();
        } else {
            List<String> real = available.stream()
                    .filter(a -> !PackageArtifact.SKELETON.equals(a))
                    .toList();
            arch = real.size() == 1 ? real.get(0) : fallbackArchitecture;
        }
        for (Descriptor entry : packages) {
            if (entry.platform().orElseThrow().architecture().equals(arch)) {
                return entry;
            }
        }
        if (available.isEmpty()) {
            throw new RemotePackageException(
                    url, url + " is not a jackal package: its index lists no manifest for the platform multi/<arch>");
        }
        throw new RemotePackageException(
                url,
                url + " has no package for architecture " + arch + " (it has " + String.join(", ", available)
                        + "); pass --architecture with one of those");
    }

    /** The {@code oci://} reference as given. */
    public String url() {
        return url;
    }

    /** The chosen manifest, by digest. */
    public ImageReference reference() {
        return manifestReference;
    }

    public String architecture() {
        return architecture;
    }

    public ManifestContent manifest() {
        return manifest;
    }

    /** The package's files by path, in the manifest's order. */
    public Map<String, Descriptor> layers() {
        return Collections.unmodifiableMap(layers);
    }

    public Optional<Descriptor> layer(String title) {
        return Optional.ofNullable(layers.get(title));
    }

    /** Bytes of layers fetched so far. */
    public long bytesFetched() {
        return bytesFetched.get();
    }

    /**
     * Fetches the layers {@code titles} (those the package has; others are skipped) into {@code dir}, each at its
     * path, {@code concurrency} at a time.
     */
    public void fetch(Collection<String> titles, Path dir, int concurrency, EventHandler events) {
        List<Descriptor> wanted = new ArrayList<>();
        for (String title : titles) {
            Descriptor layer = layers.get(title);
            if (layer != null && wanted.stream().noneMatch(w -> w == layer)) {
                wanted.add(layer);
            }
        }
        long total = wanted.stream().mapToLong(Descriptor::size).sum();
        AtomicLong done = new AtomicLong();
        String task = "pull " + url;
        Bounded.run(wanted, concurrency, layer -> {
            Path target = dir.resolve(layer.annotations().get(PackageArtifact.TITLE));
            try {
                Files.createDirectories(target.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + target.getParent() + ": " + e.getMessage(), e);
            }
            client.fetchBlob(manifestReference, layer, target);
            bytesFetched.addAndGet(layer.size());
            events.progress(task, done.addAndGet(layer.size()), total, "bytes");
        });
        events.finished(task, done.get(), total, "bytes");
    }
}
