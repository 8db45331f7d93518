package dev.jackal.core.oci;

import dev.jackal.core.net.BoundedTasks;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Puts the blobs of many images into a registry on a fixed number of threads. Each job is one digest with every
 * repository that needs it: the first gets it by upload (unless it holds it already), the others by a
 * cross-repository mount from a repository known to hold it, with an upload as fallback. The first failure cancels
 * the other jobs and is thrown once they have stopped.
 */
final class BlobPusher {

    /** One blob and the repositories (references whose tag is ignored) that need it. */
    record Job(Descriptor blob, List<ImageReference> repositories) {}

    private final RegistryClient registry;
    private final OciLayout layout;
    private final OciProgressListener listener;
    private final AtomicInteger uploaded = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger mounted = new AtomicInteger();
    private final AtomicInteger present = new AtomicInteger();

    BlobPusher(RegistryClient registry, OciLayout layout, OciProgressListener listener) {
        this.registry = registry;
        this.layout = layout;
        this.listener = listener;
    }

    void pushAll(List<Job> jobs, int concurrency) {
        BoundedTasks.run(
                jobs,
                concurrency,
                "jackal-push",
                this::run,
                e -> new RegistryConnectionException("", "interrupted while pushing images", e));
    }

    int uploaded() {
        return uploaded.get();
    }

    long bytesUploaded() {
        return bytes.get();
    }

    int mounted() {
        return mounted.get();
    }

    int present() {
        return present.get();
    }

    private void run(Job job) {
        Descriptor blob = job.blob();
        Optional<String> holder = Optional.empty();
        long sent = 0;
        for (ImageReference repository : job.repositories()) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            listener.blobStarted(blob);
            BlobUpload.Outcome outcome =
                    registry.uploadBlob(repository, blob, layout.blobPath(blob.digest()), holder, listener::bytesSent);
            switch (outcome) {
                case PRESENT -> present.incrementAndGet();
                case MOUNTED -> mounted.incrementAndGet();
                case UPLOADED -> {
                    uploaded.incrementAndGet();
                    bytes.addAndGet(blob.size());
                    sent += blob.size();
                }
            }
            holder = Optional.of(repository.repository());
        }
        listener.blobDone(blob, sent, sent == 0);
    }
}
