package dev.jackal.core.oci;

import java.nio.file.Path;
import java.util.List;

/**
 * Where images live: a remote {@link RegistryClient} or an on-disk {@link OciLayout}. Manifests go in and out
 * as raw bytes; blobs are streamed to and from files and verified against their digest.
 *
 * <p>For a layout, the registry and repository of a reference only select {@code index.json} entries; blobs are
 * shared by all images.
 */
public sealed interface OciStore permits RegistryClient, OciLayout {

    /** The descriptor (media type, digest, size) {@code reference} points at. */
    Descriptor resolve(ImageReference reference);

    /** The manifest or index {@code reference} points at, verified against its digest. */
    ManifestContent manifest(ImageReference reference);

    /** Whether the repository of {@code repository} holds the blob. */
    boolean blobExists(ImageReference repository, Digest digest);

    /** Streams the blob into {@code target} (replaced atomically, only once size and digest were verified). */
    void fetchBlob(ImageReference repository, Descriptor blob, Path target);

    /** Stores the blob read from {@code source}, unless the store already has it. */
    void pushBlob(ImageReference repository, Descriptor blob, Path source);

    /**
     * Stores a manifest or index under {@code reference}'s tag (or, without a tag, its digest), with the document's
     * own media type. Its blobs and child manifests must already be there.
     */
    Descriptor pushManifest(ImageReference reference, ManifestContent manifest);

    /** The tags of {@code repository}'s repository. */
    List<String> tags(ImageReference repository);
}
