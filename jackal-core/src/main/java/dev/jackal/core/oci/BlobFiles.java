package dev.jackal.core.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes blobs to disk safely: streamed into a temporary sibling file while hashed, checked against the
 * descriptor's size and digest, then moved into place atomically. A blob is never held in memory. A blob that is
 * already on disk is shared by a hard link where it can be.
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
            long written;
            // WRITE alone: the file is new and empty. Opening it with TRUNCATE_EXISTING (the default) makes ext4
            // flush all of it to disk on close (its auto_da_alloc heuristic), a stall per blob.
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
                written = transfer(in, out, expected, what);
            }
            moveIntoPlace(temp, target);
            return written;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Puts the file {@code source} at {@code target} as a hard link, or as a verified copy where the two cannot share
     * a file (another file system, or no hard links). Unless {@code verified} (its digest was checked since it was
     * written), {@code source} is first checked against {@code expected}.
     */
    static void link(Path source, Path target, Descriptor expected, String what, boolean verified) throws IOException {
        if (!verified) {
            try (InputStream in = Files.newInputStream(source)) {
                transfer(in, OutputStream.nullOutputStream(), expected, what);
            }
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + expected.digest().shortHex() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".link");
        try {
            Files.createLink(temp, source);
        } catch (IOException | UnsupportedOperationException e) {
            copy(source, target, expected, what);
            return;
        }
        try {
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Copies {@code in} to {@code out} while hashing; fails unless the bytes match {@code expected}. */
    private static long transfer(InputStream in, OutputStream out, Descriptor expected, String what)
            throws IOException {
        MessageDigest hash = Digest.newHash();
        long written = 0;
        byte[] buffer = new byte[BUFFER];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while writing " + what);
            }
            written += n;
            if (written > expected.size()) {
                throw DigestMismatchException.wrongSize(what, expected.digest(), expected.size(), written);
            }
            hash.update(buffer, 0, n);
            out.write(buffer, 0, n);
        }
        if (written != expected.size()) {
            throw DigestMismatchException.wrongSize(what, expected.digest(), expected.size(), written);
        }
        Digest actual = Digest.fromHash(hash.digest());
        if (!actual.equals(expected.digest())) {
            throw new DigestMismatchException(what, expected.digest(), actual);
        }
        return written;
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

    static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
