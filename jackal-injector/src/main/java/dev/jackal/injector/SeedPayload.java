package dev.jackal.injector;

import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.OciLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Builds the injector's seed payload (spec §7.5 steps 4-5): the seed images out of a package's OCI layout as a
 * new layout whose entries are named without registry host, tarred and gzipped into one file while its SHA-256 is
 * computed, then cut into {@value #CHUNK_SIZE}-byte chunks named {@code jackal-payload-000}, {@code -001}, ...
 * Nothing is held in memory but one chunk at a time when a chunk is read.
 */
public final class SeedPayload {

    /** 768 KiB: base64 of a chunk stays under etcd's 1 MiB object limit. */
    public static final int CHUNK_SIZE = 1024 * 768;

    /** The chunk (ConfigMap) name prefix the injector looks for. */
    public static final String CHUNK_PREFIX = "jackal-payload-";

    /** Three-digit names sort in order only up to here. */
    static final int MAX_CHUNKS = 1000;

    private SeedPayload() {}

    /**
     * Writes the payload of {@code images} from {@code source} to {@code archive} (replaced if present) and returns
     * its digest and chunks, which refer to {@code archive}.
     *
     * @throws SeedPayloadException if an image is missing or incomplete, two images would share a name, or the
     *     archive cannot be written (the partial archive is removed)
     */
    public static PayloadChunks build(OciLayout source, List<ImageReference> images, Path archive) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(archive, "archive");
        if (images.isEmpty()) {
            throw new SeedPayloadException(
                    "", "the seed component lists no images; the injector needs the registry image");
        }
        SeedLayout layout = SeedLayout.plan(source, images);
        try {
            String sha256 = PayloadArchive.write(source, layout, archive);
            return PayloadChunks.split(archive, sha256, Files.size(archive));
        } catch (IOException e) {
            deleteQuietly(archive);
            throw new SeedPayloadException(
                    archive.toString(), "cannot write the seed payload " + archive + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(archive);
            throw e;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the original failure is what matters
        }
    }
}
