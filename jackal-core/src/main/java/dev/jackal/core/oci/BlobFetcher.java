package dev.jackal.core.oci;

import dev.jackal.core.net.BoundedTasks;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches the blobs of many images into one layout on one executor with a fixed number of threads: each digest
 * once, from the cache when it holds it, else from the registry into the cache and then into the layout (a hard
 * link to the cache's file where the file systems allow, else a copy). When
 * the last blob of an image is in place, its manifests are written and the listener hears {@code imageDone}. The
 * first failure cancels the other downloads; it is thrown once they have stopped and cleaned up.
 */
final class BlobFetcher {

    private record Job(Descriptor blob, ImageReference source, OciLayout local, List<Tracker> images) {}

    private record Tracker(PlannedImage image, AtomicInteger remaining) {}

    private final RegistryClient registry;
    private final OciLayout cache;
    private final OciLayout target;
    private final OciProgressListener listener;
    private final boolean offline;
    private final AtomicInteger downloaded = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger reused = new AtomicInteger();

    BlobFetcher(
            RegistryClient registry, OciLayout cache, OciLayout target, OciProgressListener listener, boolean offline) {
        this.registry = registry;
        this.offline = offline;
        this.cache = cache;
        this.target = target;
        this.listener = listener;
    }

    /** Fetches everything; the first failure cancels the rest and is thrown. */
    void fetchAll(List<PlannedImage> images, int concurrency) {
        Map<Digest, Job> jobs = new LinkedHashMap<>();
        List<Tracker> ready = new ArrayList<>();
        for (PlannedImage image : images) {
            Tracker tracker = new Tracker(image, new AtomicInteger(image.blobs().size()));
            if (image.blobs().isEmpty()) {
                ready.add(tracker);
            }
            for (Descriptor blob : image.blobs()) {
                jobs.computeIfAbsent(
                                blob.digest(), d -> new Job(blob, image.source(), image.local(), new ArrayList<>()))
                        .images()
                        .add(tracker);
            }
        }
        ready.forEach(this::finish);
        BoundedTasks.run(
                List.copyOf(jobs.values()),
                concurrency,
                "jackal-oci",
                this::run,
                e -> new RegistryConnectionException("", "interrupted while pulling images", e));
    }

    int downloaded() {
        return downloaded.get();
    }

    long bytesDownloaded() {
        return bytes.get();
    }

    int reused() {
        return reused.get();
    }

    private void run(Job job) {
        if (job.local() != null) {
            copyLocal(job.blob(), job.local());
        } else {
            fetch(job.blob(), job.source());
        }
        for (Tracker tracker : job.images()) {
            if (tracker.remaining().decrementAndGet() == 0) {
                finish(tracker);
            }
        }
    }

    private void fetch(Descriptor blob, ImageReference source) {
        Digest digest = blob.digest();
        if (target.hasBlob(digest)) {
            done(blob, false);
            return;
        }
        if (cache == null) {
            download(blob, source, target);
            done(blob, true);
            return;
        }
        boolean fetched = false;
        if (!cache.hasBlob(digest)) {
            download(blob, source, cache);
            fetched = true;
        }
        try {
            // a blob downloaded just now was verified on the way in; one found in the cache is checked first
            cache.linkBlob(blob, target.blobPath(digest), fetched);
        } catch (DigestMismatchException e) {
            if (fetched) {
                throw e;
            }
            deleteQuietly(cache, digest);
            download(blob, source, cache);
            fetched = true;
            cache.linkBlob(blob, target.blobPath(digest), true);
        }
        done(blob, fetched);
    }

    /**
     * A blob of an image from a local layout: linked or copied from there, checked against its digest (unless the
     * layout's blobs were checked as they were written, as {@link OciArchive} does).
     */
    private void copyLocal(Descriptor blob, OciLayout local) {
        if (!target.hasBlob(blob.digest())) {
            local.linkBlob(blob, target.blobPath(blob.digest()), local.blobsVerified());
        }
        done(blob, false);
    }

    private void download(Descriptor blob, ImageReference source, OciLayout into) {
        if (offline) {
            throw new dev.jackal.core.OfflineException("image " + source + " (blob " + blob.digest() + ")");
        }
        listener.blobStarted(blob);
        registry.fetchBlob(source, blob, into.blobPath(blob.digest()));
    }

    private void done(Descriptor blob, boolean fetched) {
        if (fetched) {
            downloaded.incrementAndGet();
            bytes.addAndGet(blob.size());
        } else {
            reused.incrementAndGet();
        }
        listener.blobDone(blob, fetched ? blob.size() : 0, !fetched);
    }

    private void finish(Tracker tracker) {
        tracker.image().manifests().forEach(target::write);
        listener.imageDone(tracker.image().reference(), tracker.image().entry());
    }

    private static void deleteQuietly(OciLayout layout, Digest digest) {
        try {
            Files.deleteIfExists(layout.blobPath(digest));
        } catch (IOException ignored) {
            // the next download replaces it atomically anyway
        }
    }
}
