package dev.jackal.core.archive;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells whether a file's content is already compressed, so compressing it again would spend CPU for
 * nothing. Looks at magic bytes first (gzip, zstd, xz, bzip2, lz4 frame, zip); failing that, compresses
 * a sample of the head at level 1 and calls the file incompressible if the sample does not shrink by
 * at least 3% (random or encrypted data, images, media). File names are never consulted.
 */
final class Compressibility {

    static final int SAMPLE_BYTES = 128 * 1024;
    private static final double INCOMPRESSIBLE_RATIO = 0.97;

    private final byte[] sample = new byte[SAMPLE_BYTES];
    private final byte[] scratch = new byte[(int) Zstd.compressBound(SAMPLE_BYTES)];

    /** Whether {@code file} looks already compressed. */
    boolean alreadyCompressed(Path file) throws IOException {
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(sample, 0, sample.length);
        }
        return hasCompressedMagic(sample, length) || (length >= 4096 && incompressibleSample(length));
    }

    static boolean hasCompressedMagic(byte[] head, int length) {
        return startsWith(head, length, 0x1F, 0x8B) // gzip
                || startsWith(head, length, 0x28, 0xB5, 0x2F, 0xFD) // zstd
                || startsWith(head, length, 0xFD, '7', 'z', 'X', 'Z', 0x00) // xz
                || startsWith(head, length, 'B', 'Z', 'h') // bzip2
                || startsWith(head, length, 0x04, 0x22, 0x4D, 0x18) // lz4 frame
                || startsWith(head, length, 'P', 'K', 0x03, 0x04); // zip, jar
    }

    private boolean incompressibleSample(int length) {
        long compressed = Zstd.compressByteArray(scratch, 0, scratch.length, sample, 0, length, 1);
        return !Zstd.isError(compressed) && compressed >= length * INCOMPRESSIBLE_RATIO;
    }

    private static boolean startsWith(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
