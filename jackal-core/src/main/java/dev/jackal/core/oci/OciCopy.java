package dev.jackal.core.oci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies an image or index, with everything it references, from one {@link OciStore} to another: blobs first,
 * then child manifests by digest, then the top document under the target reference. Bytes are never changed,
 * so every digest stays the same. Used to push images from a package's layout into a registry.
 */
public final class OciCopy {

    private OciCopy() {}

    /** Copies {@code from} in {@code source} to {@code to} in {@code target}; returns the top descriptor. */
    public static Descriptor copy(OciStore source, ImageReference from, OciStore target, ImageReference to) {
        ManifestContent top = source.manifest(from);
        copyChildren(source, from, top, target, to);
        return target.pushManifest(to, top);
    }

    private static void copyChildren(
            OciStore source, ImageReference from, ManifestContent manifest, OciStore target, ImageReference to) {
        for (Descriptor blob : manifest.blobs()) {
            copyBlob(source, from, blob, target, to);
        }
        for (Descriptor child : manifest.manifests()) {
            ManifestContent content = source.manifest(from.withDigest(child.digest()));
            copyChildren(source, from, content, target, to);
            target.pushManifest(to.withDigest(child.digest()), content);
        }
    }

    private static void copyBlob(
            OciStore source, ImageReference from, Descriptor blob, OciStore target, ImageReference to) {
        if (source instanceof OciLayout layout) {
            target.pushBlob(to, blob, layout.blobPath(blob.digest()));
            return;
        }
        if (target.blobExists(to, blob.digest())) {
            return;
        }
        Path temp = null;
        try {
            temp = Files.createTempFile("jackal-blob-", ".tmp");
            source.fetchBlob(from, blob, temp);
            target.pushBlob(to, blob, temp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage blob " + blob.digest() + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a temp file; the OS cleans up
                }
            }
        }
    }
}
