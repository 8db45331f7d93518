package dev.jackal.core.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Reads an OCI image layout packed as a plain tar ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/…}):
 * what Jib's {@code jib:buildTar} writes with {@code <format>OCI</format>} and skopeo's {@code oci-archive:}
 * transport. The archive is hostile input: it is read once, as a stream; each blob is written to its place while
 * its SHA-256 is computed and is kept only when it matches its name and the size in its header; nothing but the
 * layout's own names is accepted (no other file, no link, no device, no {@code ..}, no absolute name), the two
 * JSON files are bounded to {@value ManifestContent#MAX_SIZE} bytes and the entries to {@value #MAX_ENTRIES}.
 * Since the archive is not compressed, the bytes written never exceed its size. Finally every manifest that
 * {@code index.json} names, and every blob those manifests name, must be there.
 */
public final class OciArchive {

    /** The most entries an archive may have. */
    public static final int MAX_ENTRIES = 100_000;

    private static final Pattern BLOB = Pattern.compile("blobs/sha256/([a-f0-9]{64})");
    private static final Set<String> DIRECTORIES = Set.of("", "blobs", "blobs/sha256");
    /** What a {@code docker save} / Jib Docker-format tar holds besides its layers. */
    private static final Set<String> DOCKER_NAMES = Set.of("manifest.json", "config.json", "repositories");

    private OciArchive() {}

    /**
     * Unpacks {@code archive} into {@code directory} (new or empty) and opens the layout there.
     *
     * @throws ImageArchiveException when the archive is unreadable, refused or incomplete
     * @throws DigestMismatchException when a blob's content does not match its name
     */
    public static OciLayout unpack(Path archive, Path directory) {
        if (!Files.isRegularFile(archive)) {
            throw new ImageArchiveException(archive, "the image archive " + archive + " does not exist");
        }
        byte[] layoutFile = null;
        byte[] indexFile = null;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
            refuseCompressed(archive, raw);
            TarArchiveInputStream tar = new TarArchiveInputStream(raw, StandardCharsets.UTF_8.name());
            Set<String> seen = new HashSet<>();
            int count = 0;
            for (TarArchiveEntry entry = next(tar, archive); entry != null; entry = next(tar, archive)) {
                if (++count > MAX_ENTRIES) {
                    throw refuse(archive, entry, "the archive has more than " + MAX_ENTRIES + " entries");
                }
                String name = clean(archive, entry);
                byte flag = entry.getLinkFlag();
                boolean regular = flag == TarConstants.LF_NORMAL
                        || flag == TarConstants.LF_OLDNORM
                        || flag == TarConstants.LF_CONTIG;
                if (flag == TarConstants.LF_DIR || regular && entry.getName().endsWith("/")) {
                    if (!DIRECTORIES.contains(name)) {
                        throw refuse(archive, entry, "an OCI image layout has no such directory");
                    }
                    continue;
                }
                if (!regular || entry.isSparse()) {
                    throw refuse(archive, entry, "only regular files and directories are accepted, not " + kind(entry));
                }
                if (!seen.add(name)) {
                    throw refuse(archive, entry, "it appears twice");
                }
                Matcher blob = BLOB.matcher(name);
                if (name.equals(OciLayout.LAYOUT_FILE)) {
                    layoutFile = small(tar, archive, entry);
                } else if (name.equals(OciLayout.INDEX_FILE)) {
                    indexFile = small(tar, archive, entry);
                } else if (blob.matches()) {
                    Digest digest = Digest.ofHex(blob.group(1));
                    BlobFiles.write(
                            tar,
                            directory.resolve(name),
                            Descriptor.of("application/octet-stream", digest, entry.getSize()),
                            "blob " + digest + " in " + archive);
                } else if (DOCKER_NAMES.contains(name) || name.endsWith(".tar.gz") || name.endsWith("/layer.tar")) {
                    throw refuse(
                            archive,
                            entry,
                            "this is a Docker archive (docker load format), not an OCI image layout: with Jib, build"
                                    + " it with <container><format>OCI</format></container>");
                } else {
                    throw refuse(
                            archive,
                            entry,
                            "an OCI image layout holds only oci-layout, index.json and blobs/sha256/<64 hex digits>");
                }
            }
        } catch (IOException e) {
            throw new ImageArchiveException(
                    archive, "cannot read the image archive " + archive + ": " + e.getMessage(), e);
        }
        return open(archive, directory, layoutFile, indexFile);
    }

    private static OciLayout open(Path archive, Path directory, byte[] layoutFile, byte[] indexFile) {
        if (layoutFile == null || indexFile == null) {
            throw new ImageArchiveException(
                    archive,
                    "the image archive " + archive + " has no " + (layoutFile == null ? "oci-layout" : "index.json")
                            + ": it is not an OCI image layout (with Jib: <format>OCI</format> for jib:buildTar)");
        }
        try {
            JsonNode version =
                    Json.readObject(layoutFile, archive + "!oci-layout").get("imageLayoutVersion");
            if (version == null || !version.isTextual()) {
                throw new ImageArchiveException(archive, archive + "!oci-layout has no imageLayoutVersion");
            }
            ObjectNode index = Json.readObject(indexFile, archive + "!index.json");
            if (!index.path("manifests").isArray()) {
                throw new ImageArchiveException(archive, archive + "!index.json has no manifests list");
            }
            Files.createDirectories(directory.resolve("blobs").resolve(Digest.SHA256));
            BlobFiles.writeBytes(layoutFile, directory.resolve(OciLayout.LAYOUT_FILE));
            BlobFiles.writeBytes(indexFile, directory.resolve(OciLayout.INDEX_FILE));
        } catch (IOException e) {
            throw new ImageArchiveException(
                    archive, "cannot unpack the image archive " + archive + ": " + e.getMessage(), e);
        } catch (InvalidManifestException e) {
            throw new ImageArchiveException(archive, "the image archive " + e.getMessage(), e);
        }
        OciLayout layout = OciLayout.openVerified(directory);
        for (Descriptor entry : layout.entries()) {
            requireComplete(archive, layout, entry);
        }
        return layout;
    }

    /** {@code descriptor}'s blob and, for a manifest or an index, everything it names. */
    private static void requireComplete(Path archive, OciLayout layout, Descriptor descriptor) {
        if (!layout.hasBlob(descriptor.digest())) {
            throw new ImageArchiveException(
                    archive,
                    "the image archive " + archive + " names " + descriptor.digest() + " (" + descriptor.mediaType()
                            + ") but holds no blobs/sha256/"
                            + descriptor.digest().hex()
                            + ": the archive is incomplete, build it again");
        }
        if (!MediaTypes.isManifest(descriptor.mediaType()) && !MediaTypes.isIndex(descriptor.mediaType())) {
            return;
        }
        ManifestContent content;
        try {
            content = layout.read(descriptor.digest(), descriptor.mediaType(), descriptor.digest() + " in " + archive);
        } catch (InvalidManifestException e) {
            throw new ImageArchiveException(archive, "the image archive " + archive + ": " + e.getMessage(), e);
        }
        for (Descriptor child : content.manifests()) {
            requireComplete(archive, layout, child);
        }
        for (Descriptor blob : content.blobs()) {
            requireComplete(archive, layout, blob);
        }
    }

    private static void refuseCompressed(Path archive, InputStream raw) throws IOException {
        raw.mark(4);
        byte[] head = raw.readNBytes(4);
        raw.reset();
        boolean gzip = head.length >= 2 && head[0] == (byte) 0x1f && head[1] == (byte) 0x8b;
        boolean zstd = head.length >= 4
                && head[0] == 0x28
                && head[1] == (byte) 0xB5
                && head[2] == 0x2F
                && head[3] == (byte) 0xFD;
        if (gzip || zstd) {
            throw new ImageArchiveException(
                    archive,
                    "the image archive " + archive + " is compressed (" + (gzip ? "gzip" : "zstd")
                            + "): give the plain tar (Jib's jib:buildTar and skopeo's oci-archive: write one)");
        }
    }

    private static TarArchiveEntry next(TarArchiveInputStream tar, Path archive) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IllegalArgumentException e) {
            throw new IOException("not a readable tar: " + e.getMessage(), e);
        }
    }

    /** The entry's name without leading {@code ./} and trailing {@code /}; absolute names and {@code ..} refused. */
    private static String clean(Path archive, TarArchiveEntry entry) {
        String name = entry.getName();
        if (name.startsWith("/")) {
            throw refuse(archive, entry, "absolute names are not accepted");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '\\') {
                throw refuse(archive, entry, "control characters and backslashes are not accepted");
            }
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw refuse(archive, entry, "the name climbs out with '..'");
            }
        }
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        if (name.equals(".")) {
            name = "";
        }
        while (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    private static String kind(TarArchiveEntry entry) {
        if (entry.isSymbolicLink()) {
            return "a symbolic link (to '" + entry.getLinkName() + "')";
        }
        if (entry.isLink()) {
            return "a hard link (to '" + entry.getLinkName() + "')";
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            return "a device";
        }
        if (entry.isFIFO()) {
            return "a FIFO";
        }
        if (entry.isSparse()) {
            return "a sparse file";
        }
        return "entry type '" + (char) entry.getLinkFlag() + "'";
    }

    private static byte[] small(TarArchiveInputStream tar, Path archive, TarArchiveEntry entry) throws IOException {
        if (entry.getSize() > ManifestContent.MAX_SIZE) {
            throw refuse(
                    archive,
                    entry,
                    entry.getSize() + " bytes is over the limit of " + ManifestContent.MAX_SIZE + " for this file");
        }
        byte[] bytes = tar.readNBytes((int) entry.getSize());
        if (bytes.length != entry.getSize()) {
            throw new IOException("entry '" + entry.getName() + "' is truncated");
        }
        return bytes;
    }

    private static ImageArchiveException refuse(Path archive, TarArchiveEntry entry, String reason) {
        return new ImageArchiveException(
                archive,
                "the image archive " + archive + " has an entry '" + entry.getName() + "' that is refused: " + reason);
    }
}
