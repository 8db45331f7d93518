package dev.jackal.core.archive;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Tells whether compressing a file again would gain nothing, so it can be stored and its CPU spent
 * elsewhere. The whole file is judged, not its head: samples spread evenly over it (one per MiB, at
 * most {@value #MAX_SAMPLES}) are compressed at level 1, and the file counts as already compressed
 * only when they shrink by less than 1% in all. So a tar that starts with random or compressed
 * bytes and goes on with text is compressed, and zstd itself keeps the incompressible blocks raw.
 * Files whose format is compressed all through (gzip, zstd, xz, bzip2, lz4 frame) are recognised by
 * their magic bytes without sampling. Zip and jar files are sampled like any other: their headers and
 * stored entries still compress. File names are never consulted.
 */
final class Compressibility {

    static final int SAMPLE_BYTES = 64 * 1024;
    static final int MAX_SAMPLES = 256;
    private static final long SPACING = 1 << 20;
    /** Stored when all samples together would shrink by less than this share. */
    private static final double MIN_SAVING = 0.01;

    private final ByteBuffer sample = ByteBuffer.allocate(SAMPLE_BYTES);
    private final byte[] scratch = new byte[(int) Zstd.compressBound(SAMPLE_BYTES)];

    /** Whether {@code file} looks already compressed throughout. */
    boolean alreadyCompressed(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            int length = read(in, 0);
            if (hasCompressedMagic(sample.array(), length)) {
                return true;
            }
            if (size < 4096) {
                return false;
            }
            int count = (int) Math.max(1, Math.min(MAX_SAMPLES, size / SPACING));
            long last = Math.max(0, size - SAMPLE_BYTES);
            long sampled = 0;
            long saved = 0;
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    length = read(in, count == 1 ? 0 : last * i / (count - 1));
                }
                sampled += length;
                saved += Math.max(0, length - compressedSize(length));
            }
            return saved < sampled * MIN_SAVING;
        }
    }

    private int read(FileChannel in, long position) throws IOException {
        sample.clear();
        long at = position;
        while (sample.hasRemaining()) {
            int read = in.read(sample, at);
            if (read < 0) {
                break;
            }
            at += read;
        }
        return sample.position();
    }

    private long compressedSize(int length) {
        long compressed = Zstd.compressByteArray(scratch, 0, scratch.length, sample.array(), 0, length, 1);
        return Zstd.isError(compressed) ? length : compressed;
    }

    static boolean hasCompressedMagic(byte[] head, int length) {
        return startsWith(head, length, 0x1F, 0x8B) // gzip
                || startsWith(head, length, 0x28, 0xB5, 0x2F, 0xFD) // zstd
                || startsWith(head, length, 0xFD, '7', 'z', 'X', 'Z', 0x00) // xz
                || startsWith(head, length, 'B', 'Z', 'h') // bzip2
                || startsWith(head, length, 0x04, 0x22, 0x4D, 0x18); // lz4 frame
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
