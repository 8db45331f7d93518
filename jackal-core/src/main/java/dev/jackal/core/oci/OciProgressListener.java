package dev.jackal.core.oci;

/**
 * Progress of image pulls, for front ends to render (the core never prints). Methods are called from worker
 * threads, concurrently; implementations must be thread-safe and quick.
 */
public interface OciProgressListener {

    /** Ignores everything. */
    OciProgressListener NONE = new OciProgressListener() {};

    /** A reference was resolved to the manifest or index that will be stored for it. */
    default void imageResolved(ImageReference reference, Descriptor descriptor) {}

    /** A blob download from a registry begins. */
    default void blobStarted(Descriptor blob) {}

    /**
     * A blob is in place in the target layout; {@code bytesDownloaded} is 0 when it came from the cache or the layout
     * already held it.
     */
    default void blobDone(Descriptor blob, long bytesDownloaded, boolean fromCache) {}

    /** Every blob and manifest of the image is in the layout. */
    default void imageDone(ImageReference reference, Descriptor descriptor) {}
}
