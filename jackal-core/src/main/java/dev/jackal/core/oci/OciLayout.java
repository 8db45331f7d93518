package dev.jackal.core.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An OCI image layout on disk: {@code oci-layout}, {@code index.json} and {@code blobs/sha256/<hex>}. Blobs are
 * shared by every image in the layout. Each top-level {@code index.json} entry is an image, named by its
 * {@value Descriptor#BASE_NAME} annotation (the fully-qualified reference). Blob writes are atomic; entry
 * updates are serialised. Fields of an existing {@code index.json} other than {@code manifests} are kept.
 */
public final class OciLayout implements OciStore {

    public static final String LAYOUT_FILE = "oci-layout";
    public static final String INDEX_FILE = "index.json";
    private static final String LAYOUT_VERSION = "1.0.0";

    private final Path directory;
    private final boolean blobsVerified;
    private ObjectNode index;

    private OciLayout(Path directory, ObjectNode index, boolean blobsVerified) {
        this.directory = directory;
        this.index = index;
        this.blobsVerified = blobsVerified;
    }

    /** Opens the layout in {@code directory}, creating an empty one when there is none yet. */
    public static OciLayout create(Path directory) {
        try {
            Files.createDirectories(directory.resolve("blobs").resolve(Digest.SHA256));
            if (!Files.exists(directory.resolve(LAYOUT_FILE))) {
                BlobFiles.writeBytes(
                        ("{\"imageLayoutVersion\":\"" + LAYOUT_VERSION + "\"}")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        directory.resolve(LAYOUT_FILE));
            }
            if (!Files.exists(directory.resolve(INDEX_FILE))) {
                ObjectNode empty = Json.MAPPER.createObjectNode();
                empty.put("schemaVersion", 2);
                empty.put("mediaType", MediaTypes.OCI_INDEX);
                empty.putArray("manifests");
                BlobFiles.writeBytes(Json.write(empty), directory.resolve(INDEX_FILE));
            }
        } catch (IOException e) {
            throw new OciLayoutException(
                    directory, "cannot create the OCI layout " + directory + ": " + e.getMessage(), e);
        }
        return open(directory);
    }

    /** Opens an existing layout; fails unless {@code oci-layout} and {@code index.json} are valid. */
    public static OciLayout open(Path directory) {
        return open(directory, false);
    }

    /**
     * Opens a layout whose every blob this process just wrote through {@link BlobFiles} (so checked against its
     * digest): copies from it skip checking them once more.
     */
    static OciLayout openVerified(Path directory) {
        return open(directory, true);
    }

    private static OciLayout open(Path directory, boolean blobsVerified) {
        try {
            Path layoutFile = directory.resolve(LAYOUT_FILE);
            if (!Files.isRegularFile(layoutFile)) {
                throw new OciLayoutException(
                        directory, directory + " is not an OCI image layout (no " + LAYOUT_FILE + ")", null);
            }
            JsonNode version = Json.readObject(Files.readAllBytes(layoutFile), layoutFile.toString())
                    .get("imageLayoutVersion");
            if (version == null || !version.isTextual()) {
                throw new OciLayoutException(directory, layoutFile + " has no imageLayoutVersion", null);
            }
            ObjectNode index = Json.readObject(
                    Files.readAllBytes(directory.resolve(INDEX_FILE)),
                    directory.resolve(INDEX_FILE).toString());
            return new OciLayout(directory, index, blobsVerified);
        } catch (IOException | InvalidManifestException e) {
            throw new OciLayoutException(
                    directory, "cannot read the OCI layout " + directory + ": " + e.getMessage(), e);
        }
    }

    public Path directory() {
        return directory;
    }

    /** Whether every blob was checked against its digest as it was written into this layout by this process. */
    boolean blobsVerified() {
        return blobsVerified;
    }

    /** {@code blobs/sha256/<hex>}, whether or not it exists. */
    public Path blobPath(Digest digest) {
        return directory.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
    }

    public boolean hasBlob(Digest digest) {
        return Files.isRegularFile(blobPath(digest));
    }

    /** The top-level entries of {@code index.json}, in order. */
    public synchronized List<Descriptor> entries() {
        List<Descriptor> entries = new ArrayList<>();
        String source = directory.resolve(INDEX_FILE).toString();
        index.path("manifests").forEach(node -> entries.add(Descriptor.fromJson(node, source)));
        return entries;
    }

    /**
     * Adds a top-level entry, replacing one with the same {@value Descriptor#BASE_NAME} (or, for unnamed entries,
     * the same digest), and rewrites {@code index.json}.
     */
    public void addEntry(Descriptor entry) {
        addEntries(List.of(entry));
    }

    /** Adds several entries in order, as {@link #addEntry}, rewriting {@code index.json} once. */
    public synchronized void addEntries(List<Descriptor> added) {
        List<Descriptor> entries = entries();
        for (Descriptor entry : added) {
            Optional<String> name = entry.annotation(Descriptor.BASE_NAME);
            int same = -1;
            for (int i = 0; i < entries.size() && same < 0; i++) {
                Descriptor existing = entries.get(i);
                boolean match = name.isPresent()
                        ? name.equals(existing.annotation(Descriptor.BASE_NAME))
                        : existing.annotation(Descriptor.BASE_NAME).isEmpty()
                                && existing.digest().equals(entry.digest());
                same = match ? i : -1;
            }
            if (same >= 0) {
                entries.set(same, entry);
            } else {
                entries.add(entry);
            }
        }
        ObjectNode updated = index.deepCopy();
        ArrayNode manifests = updated.putArray("manifests");
        entries.forEach(e -> manifests.add(e.toJson()));
        try {
            BlobFiles.writeBytes(Json.write(updated), directory.resolve(INDEX_FILE));
        } catch (IOException e) {
            throw new OciLayoutException(
                    directory, "cannot write " + directory.resolve(INDEX_FILE) + ": " + e.getMessage(), e);
        }
        index = updated;
    }

    /**
     * The entry for {@code reference}: by {@value Descriptor#BASE_NAME} or {@value Descriptor#REF_NAME}, also in the
     * legacy form without the registry ({@code library/nginx:1.25}, and {@code nginx:1.25} for Docker Hub), or by
     * digest.
     */
    public Optional<Descriptor> findEntry(ImageReference reference) {
        List<String> names = new ArrayList<>(List.of(reference.toString(), reference.toStringWithoutRegistry()));
        if (reference.registry().equals(ImageReference.DOCKER_HUB)
                && reference.repository().startsWith("library/")) {
            names.add(reference.toStringWithoutRegistry().substring("library/".length()));
        }
        List<Descriptor> entries = entries();
        for (String name : names) {
            for (Descriptor entry : entries) {
                if (name.equals(entry.annotations().get(Descriptor.BASE_NAME))
                        || name.equals(entry.annotations().get(Descriptor.REF_NAME))) {
                    return Optional.of(entry);
                }
            }
        }
        return reference
                .digest()
                .flatMap(d -> entries.stream().filter(e -> e.digest().equals(d)).findFirst());
    }

    @Override
    public Descriptor resolve(ImageReference reference) {
        Optional<Descriptor> entry = findEntry(reference);
        return entry.isPresent() ? entry.get() : manifest(reference).descriptor();
    }

    @Override
    public ManifestContent manifest(ImageReference reference) {
        Optional<Descriptor> entry = findEntry(reference);
        if (entry.isPresent()) {
            return read(entry.get().digest(), entry.get().mediaType(), reference.toString());
        }
        if (reference.digest().isPresent()) {
            return read(reference.digest().get(), null, reference.toString());
        }
        throw new ImageNotFoundException(
                reference.toString(), "image " + reference + " is not in the OCI layout " + directory);
    }

    /** Reads and verifies the manifest or index stored as blob {@code digest}. */
    public ManifestContent read(Digest digest, String mediaTypeHint, String what) {
        Path blob = blobPath(digest);
        if (!Files.isRegularFile(blob)) {
            throw new ImageNotFoundException(
                    what, "manifest " + digest + " of " + what + " is not in the OCI layout " + directory);
        }
        try {
            if (Files.size(blob) > ManifestContent.MAX_SIZE) {
                throw new InvalidManifestException(
                        what, blob + " is larger than " + ManifestContent.MAX_SIZE + " bytes");
            }
            return ManifestContent.verified(Files.readAllBytes(blob), mediaTypeHint, digest, what);
        } catch (IOException e) {
            throw new OciLayoutException(directory, "cannot read " + blob + ": " + e.getMessage(), e);
        }
    }

    /** Stores a manifest or index as a blob (no {@code index.json} entry). */
    public void write(ManifestContent manifest) {
        if (hasBlob(manifest.digest())) {
            return;
        }
        try {
            BlobFiles.writeBytes(manifest.bytes(), blobPath(manifest.digest()));
        } catch (IOException e) {
            throw new OciLayoutException(
                    directory,
                    "cannot write manifest " + manifest.digest() + " into " + directory + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public boolean blobExists(ImageReference repository, Digest digest) {
        return hasBlob(digest);
    }

    @Override
    public void fetchBlob(ImageReference repository, Descriptor blob, Path target) {
        Path source = blobPath(blob.digest());
        if (!Files.isRegularFile(source)) {
            throw new ImageNotFoundException(
                    String.valueOf(repository), "blob " + blob.digest() + " is not in the OCI layout " + directory);
        }
        try {
            BlobFiles.copy(source, target, blob, "blob " + blob.digest() + " in " + directory);
        } catch (IOException e) {
            throw new OciLayoutException(
                    directory, "cannot copy blob " + blob.digest() + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Puts blob {@code blob} of this layout at {@code target}: a hard link where the file systems allow it, else a
     * copy. Unless {@code verified} (checked against its digest since it was written), it is checked first.
     */
    void linkBlob(Descriptor blob, Path target, boolean verified) {
        Path source = blobPath(blob.digest());
        if (!Files.isRegularFile(source)) {
            throw new ImageNotFoundException(
                    blob.digest().toString(), "blob " + blob.digest() + " is not in the OCI layout " + directory);
        }
        try {
            BlobFiles.link(source, target, blob, "blob " + blob.digest() + " in " + directory, verified);
        } catch (IOException e) {
            throw new OciLayoutException(
                    directory, "cannot link blob " + blob.digest() + " to " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void pushBlob(ImageReference repository, Descriptor blob, Path source) {
        if (hasBlob(blob.digest())) {
            return;
        }
        try {
            BlobFiles.copy(source, blobPath(blob.digest()), blob, "blob " + blob.digest() + " from " + source);
        } catch (IOException e) {
            throw new OciLayoutException(
                    directory, "cannot store blob " + blob.digest() + " in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Stores the manifest; with a tag, also as a top-level entry named by the fully-qualified reference. */
    @Override
    public Descriptor pushManifest(ImageReference reference, ManifestContent manifest) {
        if (reference.digest().isPresent() && !reference.digest().get().equals(manifest.digest())) {
            throw new DigestMismatchException(
                    "manifest for " + reference, reference.digest().get(), manifest.digest());
        }
        write(manifest);
        Descriptor descriptor = manifest.descriptor();
        if (reference.tag().isPresent()) {
            descriptor = named(descriptor, reference);
            addEntry(descriptor);
        }
        return descriptor;
    }

    /** {@code descriptor} annotated with {@code reference} as {@value Descriptor#BASE_NAME} and {@value Descriptor#REF_NAME}. */
    public static Descriptor named(Descriptor descriptor, ImageReference reference) {
        return descriptor
                .withAnnotation(Descriptor.BASE_NAME, reference.toString())
                .withAnnotation(Descriptor.REF_NAME, reference.toString());
    }

    @Override
    public List<String> tags(ImageReference repository) {
        List<String> tags = new ArrayList<>();
        for (Descriptor entry : entries()) {
            entry.annotation(Descriptor.BASE_NAME).ifPresent(name -> {
                try {
                    ImageReference named = ImageReference.parse(name);
                    if (named.name().equals(repository.name())
                            && named.tag().isPresent()
                            && !tags.contains(named.tag().get())) {
                        tags.add(named.tag().get());
                    }
                } catch (InvalidReferenceException ignored) {
                    // an entry written by another tool; not a reference
                }
            });
        }
        return tags;
    }

    @Override
    public String toString() {
        return "OciLayout[" + directory + "]";
    }
}
