package dev.jackal.core.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A blob being downloaded, over one or more responses: a temporary file next to the target and the running hash of
 * the bytes in it. A response that ends early leaves the bytes received so far in place, and the next request asks
 * for the rest ({@code Range: bytes=N-}). Only a complete blob whose size and digest match is moved to the target; the
 * temporary file goes when this is closed.
 */
final class PartialBlob implements AutoCloseable {

    private static final int BUFFER = 1 << 16;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final Path target;
    private final Path temp;
    private final Descriptor expected;
    private final String what;
    private MessageDigest hash = Digest.newHash();
    private long written;
    private boolean resumed;

    private PartialBlob(Path target, Path temp, Descriptor expected, String what) {
        this.target = target;
        this.temp = temp;
        this.expected = expected;
        this.what = what;
    }

    static PartialBlob create(Path target, Descriptor expected, String what) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + expected.digest().shortHex() + "-", ".partial");
            return new PartialBlob(target, temp, expected, what);
        } catch (IOException e) {
            throw new OciLayoutException(dir, "cannot write " + what + " to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The header that asks for the bytes still missing; none before the first byte. */
    Map<String, String> rangeHeader() {
        return written == 0 ? Map.of() : Map.of("Range", "bytes=" + written + "-");
    }

    /**
     * Appends the body of a 206 answer whose {@code Content-Range} starts where the file ends, or starts over with the
     * body of a 200 answer. Reads to the end of the body.
     *
     * @throws IOException when the body ends before the blob does (retried: the next request resumes), or when a
     *     resumed blob turns out corrupt (retried from the start)
     * @throws DigestMismatchException when a blob read in one piece is too long or does not match its digest
     */
    void receive(int status, Optional<String> contentRange, InputStream body) throws IOException {
        if (status == 206) {
            long start = rangeStart(contentRange);
            if (start != written) {
                restart();
                throw new IOException("the registry sent the range from " + start + " instead of " + written + " for "
                        + what + "; downloading it again from the start");
            }
        } else {
            restart();
        }
        boolean pieces = written > 0;
        resumed |= pieces;
        try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = body.read(buffer)) >= 0) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while writing " + what);
                }
                if (written + n > expected.size()) {
                    long received = written + n;
                    restart();
                    throw DigestMismatchException.wrongSize(what, expected.digest(), expected.size(), received);
                }
                write(out, buffer, n);
                hash.update(buffer, 0, n);
                written += n;
            }
        }
        if (written < expected.size()) {
            throw new IOException(
                    "the connection closed after " + written + " of " + expected.size() + " bytes of " + what);
        }
        Digest actual = Digest.fromHash(hash.digest());
        if (!actual.equals(expected.digest())) {
            boolean wasResumed = resumed;
            restart();
            if (wasResumed) {
                throw new IOException(
                        what + " did not match its digest after resuming; downloading it again from the start");
            }
            throw new DigestMismatchException(what, expected.digest(), actual);
        }
    }

    /** Moves the verified blob into place (atomically where the file system can). */
    void commit() {
        if (written != expected.size()) {
            throw new IllegalStateException(what + " is not complete");
        }
        try {
            BlobFiles.moveIntoPlace(temp, target);
        } catch (IOException e) {
            throw new OciLayoutException(
                    target.getParent(), "cannot move " + what + " into " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover dot-file is never taken for a blob
        }
    }

    private void write(OutputStream out, byte[] buffer, int n) {
        try {
            out.write(buffer, 0, n);
        } catch (IOException e) {
            throw new OciLayoutException(
                    temp.getParent(), "cannot write " + what + " to " + temp.getParent() + ": " + e.getMessage(), e);
        }
    }

    /** Drops the bytes received so far: the next request asks for the whole blob. */
    void restart() throws IOException {
        written = 0;
        resumed = false;
        hash = Digest.newHash();
        Files.newOutputStream(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)
                .close();
    }

    private long rangeStart(Optional<String> contentRange) throws IOException {
        Matcher matcher = CONTENT_RANGE.matcher(contentRange.orElse("").strip());
        if (!matcher.matches()) {
            restart();
            throw new IOException("the registry answered a range request for " + what
                    + " without a valid Content-Range; downloading it again from the start");
        }
        return Long.parseLong(matcher.group(1));
    }
}
