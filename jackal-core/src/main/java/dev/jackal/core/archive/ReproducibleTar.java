package dev.jackal.core.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a plain tar of a directory tree that depends only on names, content, permission bits and link
 * targets (spec §2.3, §2.5): entries in lexical walk order, mtime 0, uid/gid 0, empty owner names.
 * Used for {@code components/<name>.tar} (with the component name as prefix) and {@code sboms.tar}
 * (without a prefix). The same tree always gives the same bytes.
 */
public final class ReproducibleTar {

    private ReproducibleTar() {}

    /**
     * Tars {@code sourceDir} into {@code target} with every entry under {@code prefix/}; the directory
     * entry {@code prefix/} itself comes first. An empty prefix puts the directory's children at the root.
     */
    public static void write(Path sourceDir, String prefix, Path target) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            write(sourceDir, prefix, out);
        }
    }

    /** As {@link #write(Path, String, Path)}, into a stream that this method closes. */
    public static void write(Path sourceDir, String prefix, OutputStream out) throws IOException {
        String normalisedPrefix = checkPrefix(prefix);
        List<SourceEntry> entries = TreeWalker.walk(sourceDir, normalisedPrefix);
        try (TarSink sink = new StreamSink(out)) {
            TarWriter tar = new TarWriter(sink);
            tar.writeAll(entries);
            tar.end();
        }
    }

    private static String checkPrefix(String prefix) {
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (trimmed.startsWith("/") || trimmed.contains("\\")) {
            throw new IllegalArgumentException("a tar prefix must be a relative path: '" + prefix + "'");
        }
        for (String segment : trimmed.split("/", -1)) {
            if (!trimmed.isEmpty() && (segment.isEmpty() || segment.equals(".") || segment.equals(".."))) {
                throw new IllegalArgumentException("a tar prefix must be a clean relative path: '" + prefix + "'");
            }
        }
        return trimmed;
    }
}
