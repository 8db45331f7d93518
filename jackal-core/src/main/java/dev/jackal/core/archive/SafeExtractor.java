package dev.jackal.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Extracts a {@code .tar}, {@code .tar.zst} or {@code .tgz} (told apart by magic bytes) that may be hostile. Refuses,
 * with an {@link UnsafeEntryException} naming the entry and the archive: names that are absolute or
 * climb out with {@code ..}; hard links (all of them); devices, FIFOs, sparse and unknown entry types;
 * symbolic links whose target, resolved from the link's directory, leaves the destination; entries
 * that would be written through a symbolic link or over an earlier entry; entries larger than the
 * configured maximum (judged from the header); more entries than the configured maximum. Nothing is
 * ever written outside the destination. Regular files, directories and symbolic links are supported.
 */
public final class SafeExtractor {

    enum Kind {
        DIRECTORY,
        FILE,
        SYMLINK
    }

    /** Sees each entry that passed the general checks, before and after it is written; may refuse it. */
    interface EntryListener {
        EntryListener NONE = new EntryListener() {};

        /** Called before {@code name} is written, with the size its header claims. */
        default void before(String entry, String name, Kind kind, long size) throws IOException {}

        /** The stream the content of file {@code name} is read through. */
        default InputStream content(String name, InputStream content) {
            return content;
        }

        /** Called once file {@code name} has been written completely to {@code path}. */
        default void after(String name, Path path) throws IOException {}
    }

    private SafeExtractor() {}

    /** Extracts {@code archive} into {@code destination}, created if needed. */
    public static ExtractResult extract(Path archive, Path destination, ExtractOptions options) throws IOException {
        try (TarArchiveInputStream tar = TarInput.open(archive)) {
            return extract(tar, archive, destination, options, EntryListener.NONE);
        }
    }

    /** Extracts the archive {@code tar} (named {@code archive} in messages), telling {@code listener} of entries. */
    static ExtractResult extract(
            TarArchiveInputStream tar, Path archive, Path destination, ExtractOptions options, EntryListener listener)
            throws IOException {
        Files.createDirectories(destination);
        ExtractionTarget target = new ExtractionTarget(destination.toRealPath(), archive);
        long read = 0;
        long written = 0;
        long bytes = 0;
        for (TarArchiveEntry entry = next(tar, archive, null); entry != null; entry = next(tar, archive, entry)) {
            if (++read > options.maxEntries()) {
                throw target.refuse(entry.getName(), "the archive has more than " + options.maxEntries() + " entries");
            }
            Kind kind = kindOf(entry, target);
            Optional<String> name = nameOf(entry, target, kind);
            if (entry.getSize() > options.maxEntrySize()) {
                throw target.refuse(
                        entry.getName(), entry.getSize() + " bytes is over the limit of " + options.maxEntrySize());
            }
            if (name.isEmpty() || !options.filter().test(name.get())) {
                continue;
            }
            written++;
            listener.before(entry.getName(), name.get(), kind, entry.getSize());
            bytes += place(target, listener.content(name.get(), tar), entry, kind, name.get(), archive);
            if (kind == Kind.FILE) {
                listener.after(name.get(), target.root().resolve(name.get()));
            }
        }
        target.finish();
        return new ExtractResult(destination, read, written, bytes);
    }

    /** Writes one entry; I/O failures (a truncated archive, a full disk) name the entry and archive. */
    private static long place(
            ExtractionTarget target, InputStream tar, TarArchiveEntry entry, Kind kind, String name, Path archive)
            throws IOException {
        try {
            switch (kind) {
                case DIRECTORY -> target.directory(entry.getName(), name, entry.getMode());
                case FILE -> {
                    return target.file(entry.getName(), name, entry.getMode(), tar, entry.getSize());
                }
                case SYMLINK -> target.symlink(entry.getName(), name, entry.getLinkName());
            }
            return 0;
        } catch (UnsafeEntryException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(
                    "cannot extract entry '" + entry.getName() + "' of " + archive + ": " + e.getMessage(), e);
        }
    }

    private static TarArchiveEntry next(TarArchiveInputStream tar, Path archive, TarArchiveEntry previous)
            throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IOException | IllegalArgumentException e) {
            String where = previous == null ? "at its start" : "after entry '" + previous.getName() + "'";
            throw new IOException(archive + " is not a readable tar " + where + ": " + e.getMessage(), e);
        }
    }

    private static Kind kindOf(TarArchiveEntry entry, ExtractionTarget target) throws UnsafeEntryException {
        byte flag = entry.getLinkFlag();
        if (entry.isLink()) {
            throw target.refuse(entry.getName(), "hard links are not allowed (to '" + entry.getLinkName() + "')");
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            throw target.refuse(entry.getName(), "device entries are not allowed");
        }
        if (entry.isFIFO()) {
            throw target.refuse(entry.getName(), "FIFO entries are not allowed");
        }
        if (entry.isSparse()) {
            throw target.refuse(entry.getName(), "sparse entries are not supported");
        }
        if (entry.isSymbolicLink()) {
            return Kind.SYMLINK;
        }
        if (flag == TarConstants.LF_DIR
                || (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM)
                        && entry.getName().endsWith("/")) {
            return Kind.DIRECTORY;
        }
        if (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG) {
            return Kind.FILE;
        }
        throw target.refuse(entry.getName(), "entry type '" + (char) flag + "' is not supported");
    }

    private static Optional<String> nameOf(TarArchiveEntry entry, ExtractionTarget target, Kind kind)
            throws UnsafeEntryException {
        Optional<String> name;
        try {
            name = EntryNames.normalise(entry.getName());
        } catch (IllegalArgumentException e) {
            throw target.refuse(entry.getName(), e.getMessage());
        }
        if (name.isEmpty() && kind != Kind.DIRECTORY) {
            throw target.refuse(entry.getName(), "only a directory may stand for the archive root");
        }
        if (kind == Kind.SYMLINK) {
            Path linkDir = target.root().resolve(name.get()).getParent();
            if (!SymlinkResolver.lexicallyInside(target.root(), linkDir, entry.getLinkName())) {
                throw target.refuse(
                        entry.getName(), "symbolic link target '" + entry.getLinkName() + "' leaves the destination");
            }
        }
        return name;
    }
}
