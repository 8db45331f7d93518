package dev.jackal.core.archive;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/** Writes arbitrary, possibly hostile, tar archives for tests, entry by entry, with commons-compress. */
final class TarBuilder implements AutoCloseable {

    private final TarArchiveOutputStream tar;

    private TarBuilder(OutputStream out) {
        tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    static TarBuilder tar(Path file) throws IOException {
        return new TarBuilder(Files.newOutputStream(file));
    }

    static TarBuilder tarZst(Path file) throws IOException {
        return new TarBuilder(new ZstdOutputStream(Files.newOutputStream(file), 3));
    }

    TarBuilder file(String name, String content) throws IOException {
        return add(new TarArchiveEntry(name, true), content.getBytes(StandardCharsets.UTF_8));
    }

    /** A file of {@code size} zero bytes, streamed (it compresses to almost nothing in a tar.zst). */
    TarBuilder zeros(String name, long size) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(size);
        tar.putArchiveEntry(entry);
        byte[] chunk = new byte[1 << 20];
        for (long left = size; left > 0; left -= chunk.length) {
            tar.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
        tar.closeArchiveEntry();
        return this;
    }

    TarBuilder directory(String name) throws IOException {
        return add(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true), new byte[0]);
    }

    TarBuilder symlink(String name, String target) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        return add(entry, new byte[0]);
    }

    TarBuilder hardLink(String name, String target) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        entry.setLinkName(target);
        return add(entry, new byte[0]);
    }

    TarBuilder special(String name, byte type) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setDevMajor(1);
        entry.setDevMinor(3);
        return add(entry, new byte[0]);
    }

    private TarBuilder add(TarArchiveEntry entry, byte[] content) throws IOException {
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
        return this;
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

    /** A tar whose only header (of {@code type}) claims {@code size} bytes and has none after it. */
    static void headerOnly(Path file, String name, long size, byte type) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        entry.setSize(size);
        byte[] header = new byte[512];
        entry.writeEntryHeader(header, ZipEncodingHelper.getZipEncoding(StandardCharsets.UTF_8.name()), true);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header);
            out.write(new byte[1024]);
        }
    }
}
