package dev.jackal.core.oci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What each tag named when it was last resolved online: one small JSON file per reference ({@code tags/<sha256 of
 * the reference>.json} below an image cache, holding the descriptor annotated with the reference), written
 * atomically, so concurrent builds never lose each other's entries. An offline build reads a tag's digest from here
 * instead of asking the registry.
 */
public final class TagCache {

    private final Path dir;

    /** @param imageCache the image cache directory (an {@link OciLayout}); the entries go to its {@code tags/} */
    public TagCache(Path imageCache) {
        this.dir = imageCache.resolve("tags");
    }

    /** Remembers that {@code reference} (a tag) named {@code descriptor}. */
    public void record(ImageReference reference, Descriptor descriptor) {
        if (reference.digest().isPresent()) {
            return;
        }
        try {
            Files.createDirectories(dir);
            BlobFiles.writeBytes(
                    Json.write(OciLayout.named(descriptor, reference).toJson()), file(reference));
        } catch (IOException e) {
            throw new OciLayoutException(dir, "cannot write " + file(reference) + ": " + e.getMessage(), e);
        }
    }

    /** The descriptor {@code reference} named when it was last resolved, if it ever was. */
    public Optional<Descriptor> lookup(ImageReference reference) {
        Path file = file(reference);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Descriptor descriptor =
                    Descriptor.fromJson(Json.readObject(Files.readAllBytes(file), file.toString()), file.toString());
            // a hash collision or a hand-edited file is no answer
            return descriptor
                    .annotation(Descriptor.BASE_NAME)
                    .filter(reference.toString()::equals)
                    .map(n -> descriptor);
        } catch (IOException | InvalidManifestException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Path file(ImageReference reference) {
        return dir.resolve(Digest.sha256(reference.toString().getBytes(StandardCharsets.UTF_8))
                        .hex() + ".json");
    }
}
