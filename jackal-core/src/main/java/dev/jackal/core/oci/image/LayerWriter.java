package dev.jackal.core.oci.image;

import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.Digest;
import dev.jackal.core.oci.OciLayout;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes one layer as a gzip-compressed tar straight into a layout's {@code blobs/sha256/}: streamed into a
 * temporary file while both the tar (diff ID) and the compressed bytes (blob digest) are hashed, then moved to its
 * digest's name. Entries are sorted by path, missing parent directories are added (0755, 0:0), and every header is
 * normalised: the given mtime, the given owner ids, no user or group names, no PAX extras unless a name or number
 * needs them. gzip writes no file name and a zero timestamp.
 */
final class LayerWriter {

    static final String MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";

    /** The written layer: its blob descriptor, the digest of its uncompressed tar and that tar's size. */
    record Written(Descriptor blob, Digest diffId, long uncompressedSize) {}

    private final FileTime mtime;

    LayerWriter(FileTime mtime) {
        this.mtime = mtime;
    }

    Written write(List<LayerEntry> entries, OciLayout layout) {
        Path blobs = layout.directory().resolve("blobs").resolve(Digest.SHA256);
        Path temp = null;
        try {
            Files.createDirectories(blobs);
            temp = Files.createTempFile(blobs, ".layer-", ".partial");
            MessageDigest compressed = Digest.newHash();
            MessageDigest uncompressed = Digest.newHash();
            long[] sizes = new long[2];
            try (OutputStream file = new CountingStream(
                            new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16), sizes, 0);
                    OutputStream gzip = new DeterministicGzip(new DigestOutputStream(file, compressed));
                    OutputStream tarBytes = new CountingStream(new DigestOutputStream(gzip, uncompressed), sizes, 1);
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(tarBytes, StandardCharsets.UTF_8.name())) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (LayerEntry entry : withParents(entries)) {
                    put(tar, entry);
                }
                tar.finish();
            }
            Digest digest = Digest.fromHash(compressed.digest());
            Path target = layout.blobPath(digest);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return new Written(
                    Descriptor.of(MEDIA_TYPE, digest, sizes[0]), Digest.fromHash(uncompressed.digest()), sizes[1]);
        } catch (NoSuchFileException e) {
            throw new ImageBuildException("a file of the image is missing: " + e.getFile(), e);
        } catch (IOException e) {
            throw new ImageBuildException(
                    "cannot write an image layer into " + layout.directory() + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** The entries sorted by path, with every missing parent directory added; a path given twice is refused. */
    static List<LayerEntry> withParents(List<LayerEntry> entries) {
        TreeMap<String, LayerEntry> byPath = new TreeMap<>();
        for (LayerEntry entry : entries) {
            if (byPath.put(entry.path(), entry) != null) {
                throw new ImageBuildException("the layer names /" + entry.path() + " twice", null);
            }
        }
        for (LayerEntry entry : entries) {
            String path = entry.path();
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                byPath.putIfAbsent(path.substring(0, slash), LayerEntry.directory(path.substring(0, slash), 0755));
            }
        }
        return new ArrayList<>(byPath.values());
    }

    private void put(TarArchiveOutputStream tar, LayerEntry entry) throws IOException {
        TarArchiveEntry header =
                switch (entry.type()) {
                    case DIRECTORY -> new TarArchiveEntry(entry.path() + "/", TarConstants.LF_DIR);
                    case FILE -> new TarArchiveEntry(entry.path(), TarConstants.LF_NORMAL);
                    case SYMLINK -> new TarArchiveEntry(entry.path(), TarConstants.LF_SYMLINK);
                };
        if (entry.type() == LayerEntry.Type.SYMLINK) {
            header.setLinkName(entry.linkTarget());
        }
        header.setModTime(mtime);
        header.setUserId(entry.uid());
        header.setGroupId(entry.gid());
        header.setUserName("");
        header.setGroupName("");
        header.setMode(entry.mode());
        long size = entry.type() == LayerEntry.Type.FILE ? Files.size(entry.source()) : 0;
        header.setSize(size);
        tar.putArchiveEntry(header);
        if (entry.type() == LayerEntry.Type.FILE) {
            long copied = Files.copy(entry.source(), tar);
            if (copied != size) {
                throw new ImageBuildException(entry.source() + " changed while it was written into the layer", null);
            }
        }
        tar.closeArchiveEntry();
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a stray partial file; the layout stays valid
            }
        }
    }

    /** Counts the bytes that pass into {@code sizes[slot]}. */
    private static final class CountingStream extends java.io.FilterOutputStream {
        private final long[] sizes;
        private final int slot;

        CountingStream(OutputStream out, long[] sizes, int slot) {
            super(out);
            this.sizes = sizes;
            this.slot = slot;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            sizes[slot]++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sizes[slot] += len;
        }
    }

    /**
     * gzip with a fixed header (no name, mtime 0, OS "unknown"): {@link GZIPOutputStream} already writes no name
     * and no time; the level is fixed so the bytes depend only on the input and the zlib in use.
     */
    private static final class DeterministicGzip extends GZIPOutputStream {
        DeterministicGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.DEFAULT_COMPRESSION);
        }
    }
}
