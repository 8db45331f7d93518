package dev.jackal.test.oci;

import java.nio.file.Path;
import java.util.List;

/**
 * An image (or multi-platform index) that {@link TestImages} wrote into an OCI layout.
 *
 * @param layout the OCI layout directory
 * @param tag the {@code org.opencontainers.image.ref.name} of the top-level entry in {@code index.json}
 * @param digest the digest of the top-level manifest or index
 * @param mediaType the media type of the top-level manifest or index
 * @param manifestDigests the digests of the platform manifests (one for a single image)
 * @param layerDigests the digests of every layer blob, over all platforms
 */
public record TestImage(
        Path layout,
        String tag,
        String digest,
        String mediaType,
        List<String> manifestDigests,
        List<String> layerDigests) {

    public TestImage {
        manifestDigests = List.copyOf(manifestDigests);
        layerDigests = List.copyOf(layerDigests);
    }

    /** {@code oci:<layout>:<tag>}, for skopeo. */
    public String ociReference() {
        return "oci:" + layout + ":" + tag;
    }

    /** Whether this is an index / manifest list rather than a single manifest. */
    public boolean isIndex() {
        return mediaType.endsWith("index.v1+json") || mediaType.endsWith("manifest.list.v2+json");
    }
}
