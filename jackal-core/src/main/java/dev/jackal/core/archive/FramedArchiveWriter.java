package dev.jackal.core.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Writes a package {@code .tar.zst} as three regions of one tar stream: a compressed frame with the
 * metadata files, one stored frame with every large already-compressed file, and one compressed
 * frame with everything else and the end-of-archive records. The stored frame's size is known in
 * advance, so a second thread copies it into place while the zstd workers compress the last region
 * behind it; nothing waits for the copy and no compression pipeline is drained more than once.
 * {@code -Djackal.serialize=true} writes the regions one after the other on the calling thread.
 */
final class FramedArchiveWriter {

    /** Files smaller than this are compressed whatever they hold: not worth a check. */
    static final long STORE_THRESHOLD = 1 << 20;

    private FramedArchiveWriter() {}

    /** Writes {@code entries} (metadata files first) into {@code temp}. */
    static ArchiveResult write(List<SourceEntry> entries, Path temp, long content, ArchiveOptions options)
            throws IOException {
        List<SourceEntry> metadata = new ArrayList<>();
        List<SourceEntry> compressible = new ArrayList<>();
        List<SourceEntry> stored = new ArrayList<>();
        Compressibility compressibility = new Compressibility();
        long storedTarBytes = 0;
        for (SourceEntry entry : entries) {
            if (LayoutNames.METADATA.contains(entry.name())) {
                metadata.add(entry);
            } else if (entry.kind() == SourceEntry.Kind.FILE
                    && entry.size() >= STORE_THRESHOLD
                    && compressibility.alreadyCompressed(entry.path())) {
                stored.add(entry);
                storedTarBytes += TarWriter.length(entry);
            } else {
                compressible.add(entry);
            }
        }
        try (FileChannel file = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            PositionedChannel head = new PositionedChannel(file, 0);
            ZstdFrameSink metadataFrame = ZstdFrameSink.compressed(head, options.level(), 1);
            try (metadataFrame) {
                new TarWriter(metadataFrame).writeAll(metadata);
            }
            long storedStart = head.position();
            long restStart = storedStart + ZstdFrameSink.storedSize(storedTarBytes);
            writeStoredAndRest(file, storedStart, restStart, stored, compressible, options);
            return new ArchiveResult(
                    temp, entries.size(), content, 0, (metadataFrame.started() ? 1 : 0) + 1, stored.isEmpty() ? 0 : 1);
        }
    }

    private static void writeStoredAndRest(
            FileChannel file,
            long storedStart,
            long restStart,
            List<SourceEntry> stored,
            List<SourceEntry> compressible,
            ArchiveOptions options)
            throws IOException {
        if (Boolean.getBoolean("jackal.serialize")) {
            checkEnd(writeStored(file, storedStart, stored), restStart);
            writeCompressed(file, restStart, compressible, options);
            return;
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "jackal-archive-stored");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Long> storing = executor.submit(() -> writeStored(file, storedStart, stored));
            writeCompressed(file, restStart, compressible, options);
            checkEnd(await(storing), restStart);
        } finally {
            executor.shutdownNow();
            awaitQuietly(executor);
        }
    }

    private static long writeStored(FileChannel file, long start, List<SourceEntry> stored) throws IOException {
        PositionedChannel channel = new PositionedChannel(file, start);
        try (ZstdFrameSink frame = ZstdFrameSink.stored(channel)) {
            new TarWriter(frame).writeAll(stored);
        }
        return channel.position();
    }

    private static void writeCompressed(FileChannel file, long start, List<SourceEntry> entries, ArchiveOptions options)
            throws IOException {
        try (ZstdFrameSink frame =
                ZstdFrameSink.compressed(new PositionedChannel(file, start), options.level(), options.workers())) {
            TarWriter tar = new TarWriter(frame);
            tar.writeAll(entries);
            tar.end();
        }
    }

    private static void checkEnd(long storedEnd, long restStart) throws IOException {
        if (storedEnd != restStart) {
            throw new IOException("the stored region ended at byte " + storedEnd + " instead of " + restStart
                    + "; did a file change while it was being archived?");
        }
    }

    private static long await(Future<Long> storing) throws IOException {
        try {
            return storing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the archive", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("writing the stored region failed", e.getCause());
        }
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
