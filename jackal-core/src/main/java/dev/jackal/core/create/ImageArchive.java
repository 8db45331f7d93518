package dev.jackal.core.create;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An OCI image layout packed as a tar, given to create as a source of images (e.g. what Jib's {@code jib:buildTar}
 * writes with the OCI format): each image in it, named by the {@code org.opencontainers.image.ref.name} annotation of
 * its {@code index.json} entry, goes into the package byte for byte, and the package's definition must list that
 * reference under a component's {@code images}.
 *
 * @param file the tar
 * @param digestFile a file whose content ({@code sha256:…}, surrounding white space ignored) is the manifest digest
 *     one of the archive's images must have, as Jib's {@code jib-image.digest}; null for no check
 */
public record ImageArchive(Path file, Path digestFile) {

    public ImageArchive {
        Objects.requireNonNull(file, "file");
    }

    /** An archive without a digest file. */
    public static ImageArchive of(Path file) {
        return new ImageArchive(file, null);
    }
}
