package dev.jackal.core.create;

import dev.jackal.core.model.JackalPackage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Step 8 of create: every unique image of the package into one OCI layout. */
public interface ImageStep {

    /**
     * An image in the package's layout.
     *
     * @param reference the fully-qualified reference, as annotated in {@code index.json}
     * @param digest the digest of its manifest or index
     */
    record Image(String reference, String digest) {}

    /** Pulls the images of {@code pkg} into {@code layoutDir}; returns them in definition order. */
    List<Image> pull(JackalPackage pkg, Path layoutDir, CreateOptions options) throws IOException;

    /**
     * Whether every file this step leaves in {@code blobs/sha256/} of the layout is named by the SHA-256 of its
     * content, checked as it was written. Create then lists those names in checksums.txt rather than reading the
     * blobs once more. False unless an implementation guarantees it.
     */
    default boolean verifiesBlobDigests() {
        return false;
    }
}
