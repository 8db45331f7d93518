package dev.jackal.core.oci;

/**
 * Progress of image pulls and pushes, for front ends to render (the core never prints). Methods are called from worker
 * threads, concurrently; implementations must be thread-safe and quick.
 */
public interface OciProgressListener {

    /** Ignores everything. */
    OciProgressListener NONE = new OciProgressListener() {};

    /** A reference was resolved to the manifest or index that will be stored for it. */
    default void imageResolved(ImageReference reference, Descriptor descriptor) {}

    /**
     * Offline: {@code reference}'s tag was not asked of the registry; it names {@code digest}, the digest it named
     * when it was last resolved online.
     */
    default void tagFromCache(ImageReference reference, Digest digest) {}

    /** A blob download from a registry begins (pull), or its check and upload for one repository (push). */
    default void blobStarted(Descriptor blob) {}

    /**
     * A blob is in place in the target layout; {@code bytesDownloaded} is 0 when it came from the cache or the layout
     * already held it. For a push: in place in every repository that needs it, {@code bytesDownloaded} being the bytes
     * uploaded and {@code fromCache} true when none were (the registry had it, or mounted it).
     */
    default void blobDone(Descriptor blob, long bytesDownloaded, boolean fromCache) {}

    /** Bytes of a blob upload left for the registry; negative when a failed attempt is taken back before a retry. */
    default void bytesSent(long bytes) {}

    /** Every blob and manifest of the image is in the layout (pull), or under this name in the registry (push). */
    default void imageDone(ImageReference reference, Descriptor descriptor) {}
}
