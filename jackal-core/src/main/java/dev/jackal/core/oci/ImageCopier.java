package dev.jackal.core.oci;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Pulls images from registries into one {@link OciLayout}, byte for byte: manifests, indexes and configs keep
 * their digests, and Docker-typed images stay Docker-typed. A tag that names an index stores the
 * {@code linux/<arch>} manifest only; a reference by the index's own digest keeps the whole index. Each image gets
 * an {@code index.json} entry annotated {@value Descriptor#BASE_NAME} = its fully-qualified reference.
 *
 * <p>Blobs are deduplicated across images and downloaded by a bounded number of threads shared by all images,
 * streamed to disk and hashed while written. Everything downloaded is kept in a cache directory, so pulling
 * the same image again downloads no blob that is already there.
 */
public final class ImageCopier {

    private final RegistryClient registry;
    private final Path cacheDirectory;

    /** Pulls through the cache in {@link #defaultCacheDirectory()}. */
    public ImageCopier(RegistryClient registry) {
        this(registry, defaultCacheDirectory());
    }

    /** Pulls through the cache in {@code cacheDirectory}, or without a cache when it is null. */
    public ImageCopier(RegistryClient registry, Path cacheDirectory) {
        this.registry = registry;
        this.cacheDirectory = cacheDirectory;
    }

    /** {@code ~/.jackal-cache/images}. */
    public static Path defaultCacheDirectory() {
        return Path.of(System.getProperty("user.home"), ".jackal-cache", "images");
    }

    /** Pulls {@code references} (duplicates once) into {@code target}; index entries follow the request order. */
    public PullResult pull(List<ImageReference> references, OciLayout target, PullOptions options) {
        OciLayout cache = cacheDirectory == null ? null : OciLayout.create(cacheDirectory);
        if (options.offline() && cache == null) {
            throw new dev.jackal.core.OfflineException("image " + references.get(0) + " (no image cache)");
        }
        PullPlanner planner = new PullPlanner(registry, cache, options);
        List<PlannedImage> plans = new ArrayList<>();
        for (ImageReference reference : new LinkedHashSet<>(references)) {
            plans.add(planner.plan(reference));
        }
        BlobFetcher fetcher = new BlobFetcher(registry, cache, target, options.listener(), options.offline());
        fetcher.fetchAll(plans, options.concurrency());
        target.addEntries(plans.stream().map(PlannedImage::entry).toList());
        List<PulledImage> pulled = plans.stream()
                .map(plan -> new PulledImage(plan.reference(), plan.entry()))
                .toList();
        return new PullResult(pulled, fetcher.downloaded(), fetcher.bytesDownloaded(), fetcher.reused());
    }
}
