package dev.jackal.core.create;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Extracts one regular file from a tar, tar.gz or zip archive ({@code files[].extractPath}). */
final class ArchiveEntries {

    private ArchiveEntries() {}

    /**
     * Streams the entry {@code path} of {@code archive} to {@code target}.
     *
     * @return false when the archive has no such regular file
     */
    static boolean extract(Path archive, String path, Path target) throws IOException {
        String wanted = strip(path);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive))) {
            raw.mark(4);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x50 && b1 == 0x4b) {
                try (ZipInputStream zip = new ZipInputStream(raw)) {
                    ZipEntry entry;
                    while ((entry = zip.getNextEntry()) != null) {
                        if (!entry.isDirectory() && strip(entry.getName()).equals(wanted)) {
                            Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                            return true;
                        }
                    }
                    return false;
                }
            }
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw) : raw;
            try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    if (entry.isFile() && strip(entry.getName()).equals(wanted)) {
                        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                        return true;
                    }
                }
                return false;
            }
        }
    }

    private static String strip(String name) {
        String out = name;
        while (out.startsWith("./") || out.startsWith("/")) {
            out = out.startsWith("./") ? out.substring(2) : out.substring(1);
        }
        return out;
    }
}
