package dev.jackal.core.archive;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Opens a {@code .tar}, {@code .tar.zst} or {@code .tgz}, telling them apart by magic bytes, not by name. */
final class TarInput {

    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};

    private TarInput() {}

    static TarArchiveInputStream open(Path archive) throws IOException {
        return open(Files.newInputStream(archive));
    }

    /** Opens the archive read from {@code in}; closing the result closes {@code in}. */
    static TarArchiveInputStream open(InputStream in) throws IOException {
        InputStream raw = new BufferedInputStream(in, 1 << 16);
        try {
            raw.mark(ZSTD_MAGIC.length);
            byte[] head = raw.readNBytes(ZSTD_MAGIC.length);
            raw.reset();
            InputStream tar = isZstd(head)
                    ? new BufferedInputStream(new ZstdInputStream(raw), 1 << 16)
                    : isGzip(head) ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
            return new TarArchiveInputStream(tar, StandardCharsets.UTF_8.name());
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    static boolean isGzip(byte[] head) {
        return head.length >= 2 && head[0] == (byte) 0x1f && head[1] == (byte) 0x8b;
    }

    static boolean isZstd(byte[] head) {
        if (head.length < ZSTD_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < ZSTD_MAGIC.length; i++) {
            if (head[i] != ZSTD_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
