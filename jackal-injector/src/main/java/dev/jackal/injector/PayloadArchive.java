package dev.jackal.injector;

import dev.jackal.core.oci.Digest;
import dev.jackal.core.oci.OciLayout;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Streams a {@link SeedLayout} as {@code payload.tar.gz}: the layout's contents at the archive root
 * ({@code blobs/}, {@code blobs/sha256/}, the blobs by digest, {@code index.json}, {@code oci-layout}), in that
 * sorted order, with mtime 0, uid/gid 0, no owner names and fixed modes, so the same images always give the same
 * bytes. Blobs are copied straight from the source layout; the SHA-256 is computed while writing.
 */
final class PayloadArchive {

    private static final FileTime EPOCH = FileTime.fromMillis(0);
    private static final byte[] OCI_LAYOUT = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

    private PayloadArchive() {}

    /** Writes the archive to {@code target}; returns its SHA-256 in hex. */
    static String write(OciLayout source, SeedLayout layout, Path target) throws IOException {
        MessageDigest sha256 = Digest.newHash();
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
                DigestOutputStream hashed = new DigestOutputStream(file, sha256);
                GZIPOutputStream gzip = new GZIPOutputStream(hashed, 1 << 16);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            directory(tar, "blobs/");
            directory(tar, "blobs/sha256/");
            for (Map.Entry<Digest, Long> blob : layout.blobs().entrySet()) {
                Path path = source.blobPath(blob.getKey());
                long size = Files.size(path);
                if (size != blob.getValue()) {
                    throw new SeedPayloadException(
                            path.toString(),
                            "blob " + blob.getKey() + " in " + source.directory() + " is " + size
                                    + " bytes, its descriptor says " + blob.getValue());
                }
                tar.putArchiveEntry(file("blobs/sha256/" + blob.getKey().hex(), size));
                Files.copy(path, tar);
                tar.closeArchiveEntry();
            }
            bytes(tar, "index.json", layout.indexJson());
            bytes(tar, "oci-layout", OCI_LAYOUT);
            tar.finish();
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry entry = normalised(new TarArchiveEntry(name, TarConstants.LF_DIR));
        entry.setMode(040755);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static void bytes(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        tar.putArchiveEntry(file(name, content.length));
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry file(String name, long size) {
        TarArchiveEntry entry = normalised(new TarArchiveEntry(name, TarConstants.LF_NORMAL));
        entry.setMode(0100644);
        entry.setSize(size);
        return entry;
    }

    private static TarArchiveEntry normalised(TarArchiveEntry entry) {
        entry.setModTime(EPOCH);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
        return entry;
    }
}
