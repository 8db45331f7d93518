package dev.jackal.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * The data parts of a split package read as one stream, in order, hashed on the way; nothing is written, so parts
 * on read-only media can be read, and any number of readers can read them at once. {@link #verify()} reads what the
 * consumer left and checks size and SHA-256 against the {@code .part000} metadata.
 */
public final class SplitInput extends InputStream {

    private final Path part000;
    private final SplitMetadata metadata;
    private final List<Path> parts;
    private final MessageDigest digest = Sha256.newDigest();
    private int next;
    private InputStream current;
    private long total;

    SplitInput(Path part000, SplitMetadata metadata, List<Path> parts) {
        this.part000 = part000;
        this.metadata = metadata;
        this.parts = List.copyOf(parts);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (true) {
            if (current == null) {
                if (next == parts.size()) {
                    return -1;
                }
                current = Files.newInputStream(parts.get(next++));
            }
            int read = current.read(buffer, offset, length);
            if (read >= 0) {
                digest.update(buffer, offset, read);
                total += read;
                return read;
            }
            current.close();
            current = null;
        }
    }

    /** Reads the rest of the parts, then checks that they hold the bytes and SHA-256 the metadata names. */
    public void verify() throws IOException {
        byte[] buffer = new byte[1 << 16];
        while (read(buffer, 0, buffer.length) >= 0) {
            // drained into the digest
        }
        if (total != metadata.bytes()) {
            throw new SplitArchiveException(
                    part000, "the parts hold " + total + " bytes, the metadata says " + metadata.bytes());
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equalsIgnoreCase(metadata.sha256Sum())) {
            throw new SplitArchiveException(
                    part000, "the parts have sha256 " + actual + ", the metadata says " + metadata.sha256Sum());
        }
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
