package dev.jackal.core.create;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Makes a chart archive that Helm packaged reproducible: Helm stamps every entry with the current time,
 * so the same chart would give a new digest on every build. The entries, their order and contents stay as
 * Helm wrote them; only times, owners and the gzip header are fixed.
 */
final class ChartArchives {

    private ChartArchives() {}

    static void normalize(Path tgz) throws IOException {
        Path temp = Files.createTempFile(tgz.toAbsolutePath().getParent(), ".chart", ".tgz");
        try {
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz)));
                    TarArchiveInputStream tar = new TarArchiveInputStream(in);
                    OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp));
                    // java.util.zip writes a fixed gzip header (no name, mtime 0)
                    GZIPOutputStream gzip = new GZIPOutputStream(file);
                    TarArchiveOutputStream out = new TarArchiveOutputStream(gzip)) {
                out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    TarArchiveEntry copy =
                            new TarArchiveEntry(entry.getName(), entry.isDirectory() ? (byte) '5' : (byte) '0');
                    copy.setSize(entry.isDirectory() ? 0 : entry.getSize());
                    copy.setMode(entry.getMode());
                    copy.setModTime(0);
                    copy.setUserId(0);
                    copy.setGroupId(0);
                    copy.setUserName("");
                    copy.setGroupName("");
                    out.putArchiveEntry(copy);
                    if (!entry.isDirectory()) {
                        tar.transferTo(out);
                    }
                    out.closeArchiveEntry();
                }
            }
            Files.move(temp, tgz, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
