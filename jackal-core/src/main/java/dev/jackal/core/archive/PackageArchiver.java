package dev.jackal.core.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the outer package archive {@code <name>.tar.zst} (or {@code .tar}) from a package directory
 * (spec §2.2). The tar holds {@code jackal.yaml}, its signature and {@code checksums.txt} first, then
 * the rest of the tree in lexical order, with normalised headers.
 *
 * <p>For speed, already-compressed content (image layers, charts, nested archives — recognised by
 * magic bytes or an incompressible sample, see {@link Compressibility}) is not compressed again: the
 * zstd stream switches to stored frames for runs of such files and back to compressed frames at the
 * configured level for the rest. Entries under 1 MiB never cause a switch. Everything is streamed;
 * memory does not grow with file size.
 */
public final class PackageArchiver {

    /** Entries smaller than this stay in whatever frame is open. */
    static final long SWITCH_THRESHOLD = 1 << 20;

    private PackageArchiver() {}

    /** Archives {@code packageDir} into {@code target}, replacing it atomically once complete. */
    public static ArchiveResult archive(Path packageDir, Path target, ArchiveOptions options) throws IOException {
        Path source = packageDir.toAbsolutePath().normalize();
        Path destination = target.toAbsolutePath().normalize();
        if (destination.startsWith(source)) {
            throw new IllegalArgumentException("the archive " + target + " cannot be written inside " + packageDir);
        }
        List<SourceEntry> entries = metadataFirst(TreeWalker.walk(source, ""));
        Path temp = Files.createTempFile(destination.getParent(), "." + destination.getFileName(), ".partial");
        try {
            long content = entries.stream().mapToLong(SourceEntry::size).sum();
            ArchiveResult result = options.uncompressed()
                    ? writePlain(entries, temp, content)
                    : writeZstd(entries, temp, content, options);
            Files.move(temp, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new ArchiveResult(
                    target,
                    result.entries(),
                    result.contentBytes(),
                    Files.size(destination),
                    result.compressedFrames(),
                    result.storedFrames());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static ArchiveResult writePlain(List<SourceEntry> entries, Path temp, long content) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                TarWriter tar = new TarWriter(new ChannelSink(channel))) {
            for (SourceEntry entry : entries) {
                tar.write(entry);
            }
        }
        return new ArchiveResult(temp, entries.size(), content, 0, 0, 0);
    }

    private static ArchiveResult writeZstd(List<SourceEntry> entries, Path temp, long content, ArchiveOptions options)
            throws IOException {
        Compressibility compressibility = new Compressibility();
        ZstdFrameSink frames;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                ZstdFrameSink sink = new ZstdFrameSink(channel, options.level(), options.workers());
                TarWriter tar = new TarWriter(sink)) {
            frames = sink;
            for (SourceEntry entry : entries) {
                if (entry.kind() == SourceEntry.Kind.FILE && entry.size() >= SWITCH_THRESHOLD) {
                    frames.switchTo(
                            compressibility.alreadyCompressed(entry.path())
                                    ? ZstdFrameSink.Mode.STORE
                                    : ZstdFrameSink.Mode.COMPRESS);
                }
                tar.write(entry);
            }
        }
        return new ArchiveResult(temp, entries.size(), content, 0, frames.compressedFrames(), frames.storedFrames());
    }

    private static List<SourceEntry> metadataFirst(List<SourceEntry> walked) throws IOException {
        List<SourceEntry> first = new ArrayList<>();
        List<SourceEntry> rest = new ArrayList<>();
        for (SourceEntry entry : walked) {
            if (entry.kind() == SourceEntry.Kind.SYMLINK) {
                throw new FileSystemException(
                        entry.path().toString(), null, "a package directory holds no symbolic links");
            }
            (LayoutNames.METADATA.contains(entry.name()) ? first : rest).add(entry);
        }
        first.sort((a, b) -> LayoutNames.METADATA.indexOf(a.name()) - LayoutNames.METADATA.indexOf(b.name()));
        first.addAll(rest);
        return first;
    }
}
