package dev.jackal.core.oci;

import java.util.List;

/**
 * What a pull did.
 *
 * @param images the images in request order (duplicates removed)
 * @param blobsDownloaded blobs fetched from registries
 * @param bytesDownloaded their total size
 * @param blobsReused blobs taken from the cache or already in the layout
 */
public record PullResult(List<PulledImage> images, int blobsDownloaded, long bytesDownloaded, int blobsReused) {

    public PullResult {
        images = List.copyOf(images);
    }
}
