package dev.jackal.core.create;

import dev.jackal.core.OfflineException;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.ManifestContent;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.oci.RegistryClient;
import dev.jackal.core.oci.TagCache;
import java.nio.file.Path;

/**
 * Charts in OCI registries through the image cache ({@code <cache>/images}): online, the chart's manifest, its tag
 * and its chart layer are stored there as they are fetched; offline, they are read from there and nothing else is
 * asked. Without a cache, straight from the registry.
 */
final class OciCharts {

    private final Path imageCache;
    private final boolean offline;

    OciCharts(Path cacheDir, boolean offline) {
        this.imageCache =
                cacheDir == null ? null : cacheDir.toAbsolutePath().normalize().resolve("images");
        this.offline = offline;
    }

    ManifestContent manifest(RegistryClient registry, ImageReference reference, String what) {
        if (imageCache == null) {
            if (offline) {
                throw new OfflineException(what + " oci://" + reference + " (no cache)");
            }
            return registry.manifest(reference);
        }
        OciLayout cache = OciLayout.create(imageCache);
        TagCache tags = new TagCache(imageCache);
        if (offline) {
            Descriptor cached =
                    tags.lookup(reference).orElseThrow(() -> new OfflineException(what + " oci://" + reference));
            if (!cache.hasBlob(cached.digest())) {
                throw new OfflineException(what + " oci://" + reference);
            }
            return cache.read(cached.digest(), cached.mediaType(), reference.toString());
        }
        ManifestContent manifest = registry.manifest(reference);
        cache.write(manifest);
        tags.record(reference, manifest.descriptor());
        return manifest;
    }

    void fetchBlob(RegistryClient registry, ImageReference reference, Descriptor layer, Path target) {
        if (imageCache == null) {
            registry.fetchBlob(reference, layer, target);
            return;
        }
        OciLayout cache = OciLayout.create(imageCache);
        if (!cache.hasBlob(layer.digest())) {
            if (offline) {
                throw new OfflineException("chart oci://" + reference + " (layer " + layer.digest() + ")");
            }
            registry.fetchBlob(reference, layer, cache.blobPath(layer.digest()));
        }
        cache.fetchBlob(reference, layer, target);
    }
}
