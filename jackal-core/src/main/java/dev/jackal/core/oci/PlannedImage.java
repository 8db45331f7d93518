package dev.jackal.core.oci;

import java.util.List;

/**
 * One image of a pull after its manifests were read: what to store and which blobs it needs.
 *
 * @param reference the reference as requested
 * @param source where it is pulled from (after registry overrides)
 * @param entry the {@code index.json} entry to write
 * @param manifests every manifest and index to store, children before parents
 * @param blobs the configs and layers, each once
 * @param local the local OCI layout the image is copied from instead of a registry, or null
 */
record PlannedImage(
        ImageReference reference,
        ImageReference source,
        Descriptor entry,
        List<ManifestContent> manifests,
        List<Descriptor> blobs,
        OciLayout local) {

    PlannedImage {
        manifests = List.copyOf(manifests);
        blobs = List.copyOf(blobs);
    }
}
