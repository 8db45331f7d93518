package dev.jackal.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes {@link SourceEntry}s into a tar with normalised headers: mtime 0, uid/gid 0, empty user and
 * group names, the file's permission bits, POSIX (PAX) records only for long names and big numbers.
 * Headers are built by name, never from a {@code File}, so no time or ownership extras leak in.
 */
final class TarEntryWriter implements AutoCloseable {

    private static final FileTime EPOCH = FileTime.fromMillis(0);
    private static final int COPY_BUFFER = 256 * 1024;

    private final TarArchiveOutputStream tar;
    private final byte[] buffer = new byte[COPY_BUFFER];

    TarEntryWriter(OutputStream out) {
        this.tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** Writes one entry, its content included. */
    void write(SourceEntry entry) throws IOException {
        TarArchiveEntry header = header(entry);
        tar.putArchiveEntry(header);
        if (entry.kind() == SourceEntry.Kind.FILE) {
            copyContent(entry);
        }
        tar.closeArchiveEntry();
    }

    /** Pushes every byte written so far to the underlying stream (called between entries). */
    void flush() throws IOException {
        tar.flush();
    }

    /** Writes the end-of-archive records and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        tar.close();
    }

    static TarArchiveEntry header(SourceEntry entry) throws IOException {
        TarArchiveEntry header =
                switch (entry.kind()) {
                    case DIRECTORY -> new TarArchiveEntry(entry.name() + "/", TarConstants.LF_DIR);
                    case FILE -> new TarArchiveEntry(entry.name(), TarConstants.LF_NORMAL);
                    case SYMLINK -> symlink(entry);
                };
        header.setModTime(EPOCH);
        header.setUserId(0);
        header.setGroupId(0);
        header.setUserName("");
        header.setGroupName("");
        header.setMode(entry.mode());
        header.setSize(entry.kind() == SourceEntry.Kind.FILE ? entry.size() : 0);
        return header;
    }

    private static TarArchiveEntry symlink(SourceEntry entry) throws IOException {
        TarArchiveEntry header = new TarArchiveEntry(entry.name(), TarConstants.LF_SYMLINK);
        header.setLinkName(Files.readSymbolicLink(entry.path()).toString());
        return header;
    }

    private void copyContent(SourceEntry entry) throws IOException {
        long remaining = entry.size();
        try (InputStream in = Files.newInputStream(entry.path())) {
            while (remaining > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read < 0) {
                    throw new IOException(entry.path() + " shrank while being archived");
                }
                tar.write(buffer, 0, read);
                remaining -= read;
            }
        }
    }
}
