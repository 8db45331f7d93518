package dev.jackal.cluster.push;

import dev.jackal.core.event.EventHandler;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.OciProgressListener;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a push's progress into the same events create's pull gives: a byte count for the bar or the periodic line
 * (at most every 200 ms, plus one per blob), and one line per name pushed.
 */
final class PushProgress implements OciProgressListener {

    private static final long EVERY_NANOS = 200_000_000L;

    private final EventHandler events;
    private final String task;
    private final long total;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong last = new AtomicLong(System.nanoTime());

    PushProgress(EventHandler events, String task, long total) {
        this.events = events;
        this.task = task;
        this.total = total;
    }

    @Override
    public void bytesSent(long bytes) {
        long now = sent.addAndGet(bytes);
        long then = last.get();
        if (System.nanoTime() - then >= EVERY_NANOS && last.compareAndSet(then, System.nanoTime())) {
            events.progress(task, now, total, "bytes");
        }
    }

    @Override
    public void blobDone(Descriptor blob, long bytesUploaded, boolean skipped) {
        events.progress(task, sent.get(), total, "bytes");
    }

    @Override
    public void imageDone(ImageReference reference, Descriptor descriptor) {
        events.info("pushed " + reference.toStringWithoutRegistry() + " (" + descriptor.digest() + ")");
    }

    void finish() {
        events.finished(task, sent.get(), total, "bytes");
    }
}
