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
 * (spec §2.2), with normalised headers. The tar holds {@code jackal.yaml}, its signature and
 * {@code checksums.txt} first, so a reader finds the definition without reading the whole archive.
 *
 * <p>For speed, already-compressed content of 1 MiB or more (image layers, charts, nested archives —
 * recognised by magic bytes or by samples spread over the whole file, see {@link Compressibility}) is not compressed
 * again: it goes into one stored zstd frame, written by a second thread while the rest is compressed
 * at the configured level (see {@link FramedArchiveWriter}). So in a {@code .tar.zst} the metadata
 * files come first, then the already-compressed files, then the rest, each group in lexical order; a
 * plain {@code .tar} keeps lexical order after the metadata files. Everything is streamed; memory does
 * not grow with file size.
 */
public final class PackageArchiver {

    private PackageArchiver() {}

    /** Archives {@code packageDir} into {@code target}, replacing it atomically once complete. */
    public static ArchiveResult archive(Path packageDir, Path target, ArchiveOptions options) throws IOException {
        Path source = packageDir.toAbsolutePath().normalize();
        Path destination = target.toAbsolutePath().normalize();
        if (destination.startsWith(source)) {
            throw new IllegalArgumentException("the archive " + target + " cannot be written inside " + packageDir);
        }
        List<SourceEntry> entries = metadataFirst(TreeWalker.walk(source, ""));
        Path temp = TempSibling.create(destination, ".partial");
        try {
            long content = entries.stream().mapToLong(SourceEntry::size).sum();
            ArchiveResult result = options.uncompressed()
                    ? writePlain(entries, temp, content)
                    : FramedArchiveWriter.write(entries, temp, content, options);
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
                TarSink sink = new ChannelSink(channel)) {
            TarWriter tar = new TarWriter(sink);
            tar.writeAll(entries);
            tar.end();
        }
        return new ArchiveResult(temp, entries.size(), content, 0, 0, 0);
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
