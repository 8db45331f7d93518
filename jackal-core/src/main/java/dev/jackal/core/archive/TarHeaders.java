package dev.jackal.core.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Encodes the header records of one tar entry with commons-compress: normalised fields (mtime 0,
 * uid/gid 0, empty user and group names, the file's permission bits) and POSIX (PAX) records only for
 * long names and big numbers. Headers are built by name, never from a {@code File}, so no time or
 * ownership extras leak in. The content and its padding are the caller's to write.
 */
final class TarHeaders {

    static final int RECORD = 512;
    /** Two zero records end a tar. */
    static final byte[] END_OF_ARCHIVE = new byte[2 * RECORD];

    private static final FileTime EPOCH = FileTime.fromMillis(0);

    private TarHeaders() {}

    /** The header records (PAX records included) that precede {@code entry}'s content. */
    static byte[] encode(SourceEntry entry) throws IOException {
        ByteArrayOutputStream records = new ByteArrayOutputStream(RECORD);
        // the stream is only used to encode the header; its entry is deliberately never closed
        @SuppressWarnings("resource")
        TarArchiveOutputStream encoder = new TarArchiveOutputStream(records, StandardCharsets.UTF_8.name());
        encoder.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        encoder.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        encoder.putArchiveEntry(header(entry));
        return records.toByteArray();
    }

    /** Zero bytes that bring {@code size} bytes of content to a whole number of records. */
    static int padding(long size) {
        return (int) ((RECORD - size % RECORD) % RECORD);
    }

    private static TarArchiveEntry header(SourceEntry entry) throws IOException {
        TarArchiveEntry header =
                switch (entry.kind()) {
                    case DIRECTORY -> new TarArchiveEntry(entry.name() + "/", TarConstants.LF_DIR);
                    case FILE -> new TarArchiveEntry(entry.name(), TarConstants.LF_NORMAL);
                    case SYMLINK -> new TarArchiveEntry(entry.name(), TarConstants.LF_SYMLINK);
                };
        if (entry.kind() == SourceEntry.Kind.SYMLINK) {
            header.setLinkName(Files.readSymbolicLink(entry.path()).toString());
        }
        header.setModTime(EPOCH);
        header.setUserId(0);
        header.setGroupId(0);
        header.setUserName("");
        header.setGroupName("");
        header.setMode(entry.mode());
        header.setSize(entry.kind() == SourceEntry.Kind.FILE ? entry.size() : 0);
        return header;
    }
}
