package dev.jackal.core.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A manifest or index exactly as stored: the raw bytes, their digest and their media type. jackal never
 * re-serialises these bytes; the parsed children are only read from them.
 */
public final class ManifestContent {

    /** Larger documents are refused rather than read into memory. */
    public static final int MAX_SIZE = 4 * 1024 * 1024;

    private final byte[] bytes;
    private final String mediaType;
    private final Digest digest;
    private final List<Descriptor> manifests;
    private final List<Descriptor> blobs;

    private ManifestContent(
            byte[] bytes, String mediaType, Digest digest, List<Descriptor> manifests, List<Descriptor> blobs) {
        this.bytes = bytes;
        this.mediaType = mediaType;
        this.digest = digest;
        this.manifests = List.copyOf(manifests);
        this.blobs = List.copyOf(blobs);
    }

    /**
     * Reads a document. Its media type is its own {@code mediaType} field, else {@code hint} (a
     * {@code Content-Type} or the parent descriptor's type), else inferred from its shape.
     */
    public static ManifestContent of(byte[] bytes, String hint, String source) {
        if (bytes.length > MAX_SIZE) {
            throw new InvalidManifestException(source, "larger than " + MAX_SIZE + " bytes");
        }
        byte[] copy = bytes.clone();
        ObjectNode doc = Json.readObject(copy, source);
        String mediaType = mediaType(doc, MediaTypes.strip(hint), source);
        List<Descriptor> manifests = new ArrayList<>();
        List<Descriptor> blobs = new ArrayList<>();
        if (MediaTypes.isIndex(mediaType)) {
            children(doc.get("manifests"), source, manifests);
        } else {
            JsonNode config = doc.get("config");
            if (config == null) {
                throw new InvalidManifestException(source, "an image manifest needs a config descriptor");
            }
            blobs.add(Descriptor.fromJson(config, source));
            children(doc.get("layers"), source, blobs);
        }
        return new ManifestContent(copy, mediaType, Digest.sha256(copy), manifests, blobs);
    }

    /** Like {@link #of}, and fails with {@link DigestMismatchException} unless the bytes hash to {@code expected}. */
    public static ManifestContent verified(byte[] bytes, String hint, Digest expected, String source) {
        Digest actual = Digest.sha256(bytes);
        if (!actual.equals(expected)) {
            throw new DigestMismatchException("manifest " + source, expected, actual);
        }
        return of(bytes, hint, source);
    }

    private static String mediaType(ObjectNode doc, String hint, String source) {
        JsonNode schemaVersion = doc.get("schemaVersion");
        String own = Json.text(doc, "mediaType");
        if (MediaTypes.DOCKER_SCHEMA1.equals(own)
                || MediaTypes.DOCKER_SCHEMA1.equals(hint)
                || (schemaVersion != null && schemaVersion.asInt() == 1)) {
            throw new InvalidManifestException(
                    source, "Docker schema 1 manifests are not supported; re-push the image with a current client");
        }
        if (own != null) {
            if (!MediaTypes.isSupported(own)) {
                throw new InvalidManifestException(source, "unsupported media type " + own);
            }
            return own;
        }
        if (MediaTypes.isSupported(hint)) {
            return hint;
        }
        if (doc.has("manifests")) {
            return MediaTypes.OCI_INDEX;
        }
        if (doc.has("config")) {
            return MediaTypes.OCI_MANIFEST;
        }
        throw new InvalidManifestException(source, "neither an image manifest nor an index");
    }

    private static void children(JsonNode array, String source, List<Descriptor> into) {
        if (array == null || array.isNull()) {
            return;
        }
        if (!array.isArray()) {
            throw new InvalidManifestException(source, "expected an array of descriptors");
        }
        array.forEach(node -> into.add(Descriptor.fromJson(node, source)));
    }

    /** A copy of the raw bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    public String mediaType() {
        return mediaType;
    }

    public Digest digest() {
        return digest;
    }

    /** An OCI index or Docker manifest list. */
    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /** The child manifests of an index; empty for an image manifest. */
    public List<Descriptor> manifests() {
        return manifests;
    }

    /** The config and layers of an image manifest, config first; empty for an index. */
    public List<Descriptor> blobs() {
        return blobs;
    }

    /** A descriptor of this document: media type, digest, size. */
    public Descriptor descriptor() {
        return Descriptor.of(mediaType, digest, bytes.length);
    }

    @Override
    public String toString() {
        return descriptor().toString();
    }
}
