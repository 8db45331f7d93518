package dev.jackal.core.oci.image;

import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.ImageReference;
import java.util.List;

/**
 * An image {@link ImageBuilder} wrote.
 *
 * @param reference the reference it is named by in the layout
 * @param manifest the {@code index.json} entry: the manifest's descriptor with platform and name annotations
 * @param config the config blob
 * @param layers the layer blobs (gzip-compressed tars), in order
 * @param uncompressedSize the sizes of the layers' tars added up
 */
public record BuiltImage(
        ImageReference reference,
        Descriptor manifest,
        Descriptor config,
        List<Descriptor> layers,
        long uncompressedSize) {

    public BuiltImage {
        layers = List.copyOf(layers);
    }

    /** The compressed size: manifest, config and layers. */
    public long compressedSize() {
        return manifest.size()
                + config.size()
                + layers.stream().mapToLong(Descriptor::size).sum();
    }
}
