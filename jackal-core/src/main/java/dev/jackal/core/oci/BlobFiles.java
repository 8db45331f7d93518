package dev.jackal.core.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;

/**
 * Writes blobs to disk safely: streamed into a temporary sibling file while hashed, checked against the
 * descriptor's size and digest, then moved into place atomically. A blob is never held in memory.
 */
final class BlobFiles {

    private static final int BUFFER = 1 << 16;

    private BlobFiles() {}

    /** Streams {@code in} to {@code target}; returns the bytes written. */
    static long write(InputStream in, Path target, Descriptor expected, String what) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + expected.digest().shortHex() + "-", ".partial");
        try {
            MessageDigest hash = Digest.newHash();
            long written = 0;
            try (OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    written += n;
                    if (written > expected.size()) {
                        throw DigestMismatchException.wrongSize(what, expected.digest(), expected.size(), written);
                    }
                    hash.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (written != expected.size()) {
                throw DigestMismatchException.wrongSize(what, expected.digest(), expected.size(), written);
            }
            Digest actual = Digest.fromHash(hash.digest());
            if (!actual.equals(expected.digest())) {
                throw new DigestMismatchException(what, expected.digest(), actual);
            }
            moveIntoPlace(temp, target);
            return written;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Copies the file {@code source} to {@code target}, verifying it against {@code expected}. */
    static long copy(Path source, Path target, Descriptor expected, String what) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            return write(in, target, expected, what);
        }
    }

    /** Writes small content (a manifest) atomically. */
    static void writeBytes(byte[] bytes, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".write-", ".partial");
        try {
            Files.write(temp, bytes);
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
