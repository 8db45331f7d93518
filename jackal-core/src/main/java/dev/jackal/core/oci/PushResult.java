package dev.jackal.core.oci;

/**
 * What a push did.
 *
 * @param images the images pushed (each under one or more names)
 * @param blobsUploaded blob uploads whose bytes were sent
 * @param bytesUploaded their total size
 * @param blobsMounted blobs the registry linked from another repository, without a byte sent
 * @param blobsPresent blobs a repository held already
 * @param manifestsPushed manifests and indexes sent (names that already pointed at the same digest are not counted)
 */
public record PushResult(
        int images, int blobsUploaded, long bytesUploaded, int blobsMounted, int blobsPresent, int manifestsPushed) {}
