package dev.jackal.core.remote;

import dev.jackal.core.oci.Digest;
import dev.jackal.core.oci.ImageReference;

/**
 * What a publish did.
 *
 * @param reference the tag the package is under ({@code registry/repo/name:version[-flavor]})
 * @param architecture the index entry it went into ({@code amd64}, {@code skeleton}, ...)
 * @param manifest the digest of the package's manifest
 * @param manifestSize its size in bytes
 * @param index the digest of the index the tag points at now
 * @param indexSize its size in bytes
 * @param layers the package's files
 * @param blobsUploaded blobs whose bytes were sent
 * @param bytesUploaded their total size
 * @param blobsPresent blobs the registry held already (skipped)
 */
public record PublishResult(
        ImageReference reference,
        String architecture,
        Digest manifest,
        long manifestSize,
        Digest index,
        long indexSize,
        int layers,
        int blobsUploaded,
        long bytesUploaded,
        int blobsPresent) {

    /** {@code oci://registry/repo/name:tag}. */
    public String url() {
        return PackageUrl.format(reference);
    }
}
