package dev.jackal.core.oci.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.Digest;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.ManifestContent;
import dev.jackal.core.oci.MediaTypes;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.oci.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a single-platform OCI image from files ({@code FROM scratch}) into an {@link OciLayout}, reproducibly: the
 * same layers, config and time give the same bytes and so the same manifest digest. Layers are streamed to disk
 * while hashed (see {@link LayerWriter}); config and manifest are written with a fixed field order. The image gets
 * an {@code index.json} entry annotated with its reference as {@value Descriptor#BASE_NAME} and
 * {@value Descriptor#REF_NAME}, as create names the images it pulls.
 *
 * <pre>{@code
 * BuiltImage image = ImageBuilder.forPlatform(Platform.linux("amd64"))
 *         .layer(List.of(LayerEntry.file(binary, "/bin/registry", 0755)))
 *         .config(ImageConfig.builder().entrypoint("/bin/registry").build())
 *         .build(OciLayout.create(dir), ImageReference.parse("library/registry:3.1.2"));
 * }</pre>
 */
public final class ImageBuilder {

    /** Writes the JSON documents; field order is the order they are put in. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Platform platform;
    private final List<List<LayerEntry>> layers = new ArrayList<>();
    private ImageConfig config = ImageConfig.builder().build();
    private Instant created = Instant.EPOCH;

    private ImageBuilder(Platform platform) {
        this.platform = Objects.requireNonNull(platform, "platform");
    }

    /** A builder for {@code platform}; the time of every entry and of the config is the epoch unless changed. */
    public static ImageBuilder forPlatform(Platform platform) {
        return new ImageBuilder(platform);
    }

    /**
     * The time written into tar headers and the config: {@code SOURCE_DATE_EPOCH} (seconds) when set in
     * {@code environment}, else the epoch.
     */
    public static Instant sourceDateEpoch(Map<String, String> environment) {
        String value = environment.get("SOURCE_DATE_EPOCH");
        if (value == null || value.isBlank()) {
            return Instant.EPOCH;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new ImageBuildException("SOURCE_DATE_EPOCH must be a number of seconds, not \"" + value + "\"", e);
        }
    }

    /** Adds a layer (applied in the order added). */
    public ImageBuilder layer(List<LayerEntry> entries) {
        layers.add(List.copyOf(entries));
        return this;
    }

    public ImageBuilder config(ImageConfig value) {
        this.config = Objects.requireNonNull(value, "config");
        return this;
    }

    /** The time of every tar entry and the config's {@code created}; whole seconds. */
    public ImageBuilder created(Instant value) {
        this.created = Instant.ofEpochSecond(value.getEpochSecond());
        return this;
    }

    /** Writes the layers, config and manifest into {@code layout} and adds (or replaces) its index entry. */
    public BuiltImage build(OciLayout layout, ImageReference reference) {
        LayerWriter writer = new LayerWriter(FileTime.from(created));
        List<LayerWriter.Written> written = new ArrayList<>();
        for (List<LayerEntry> layer : layers) {
            written.add(writer.write(layer, layout));
        }
        byte[] configBytes = write(ImageDocuments.config(JSON, platform, config, created, written));
        Descriptor configBlob =
                Descriptor.of(ImageDocuments.CONFIG_MEDIA_TYPE, Digest.sha256(configBytes), configBytes.length);
        writeBlob(layout, configBlob.digest(), configBytes);
        ManifestContent manifest = ManifestContent.of(
                write(ImageDocuments.manifest(JSON, configBlob, written)),
                MediaTypes.OCI_MANIFEST,
                reference.toString());
        layout.write(manifest);
        Descriptor entry = OciLayout.named(manifest.descriptor().withPlatform(platform), reference);
        layout.addEntry(entry);
        return new BuiltImage(
                reference,
                entry,
                configBlob,
                written.stream().map(LayerWriter.Written::blob).toList(),
                written.stream()
                        .mapToLong(LayerWriter.Written::uncompressedSize)
                        .sum());
    }

    private static byte[] write(ObjectNode document) {
        try {
            return JSON.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    private static void writeBlob(OciLayout layout, Digest digest, byte[] bytes) {
        Path target = layout.blobPath(digest);
        try {
            if (!Files.isRegularFile(target)) {
                Path temp = Files.createTempFile(target.getParent(), ".config-", ".partial");
                Files.write(temp, bytes);
                Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ImageBuildException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
