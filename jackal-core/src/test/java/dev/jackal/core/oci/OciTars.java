package dev.jackal.core.oci;

import dev.jackal.core.oci.image.BuiltImage;
import dev.jackal.core.oci.image.ImageBuilder;
import dev.jackal.core.oci.image.LayerEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds OCI image archives by hand, the way Jib's {@code jib:buildTar} with the OCI format lays them out: blobs
 * first (no directory entries), then {@code oci-layout} and an {@code index.json} whose one entry carries only
 * {@code org.opencontainers.image.ref.name}, the full reference.
 */
public final class OciTars {

    /** One entry of a hand-made tar. */
    public record Entry(String name, byte[] content, byte type, String linkName) {
        public static Entry file(String name, byte[] content) {
            return new Entry(name, content, org.apache.commons.compress.archivers.tar.TarConstants.LF_NORMAL, null);
        }

        public static Entry file(String name, String content) {
            return file(name, content.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A built image and the entries of its Jib-style archive. */
    public record JibStyle(BuiltImage image, List<Entry> entries) {
        /** The entries without the one named {@code name}. */
        public List<Entry> without(String name) {
            return entries.stream().filter(e -> !e.name().equals(name)).toList();
        }

        /** The entries plus {@code more} at the front. */
        public List<Entry> with(Entry... more) {
            List<Entry> all = new ArrayList<>(List.of(more));
            all.addAll(entries);
            return all;
        }
    }

    private OciTars() {}

    /** Builds a one-layer image named {@code reference} and the entries of its Jib-style archive. */
    public static JibStyle jibStyle(Path work, String reference) throws IOException {
        Path layout = work.resolve("built-layout");
        Path file = Files.writeString(
                Files.createDirectories(work.resolve("built-files")).resolve("app"), "app\n");
        BuiltImage image = ImageBuilder.forPlatform(Platform.linux("amd64"))
                .layer(List.of(LayerEntry.file(file, "/app/run", 0755)))
                .build(OciLayout.create(layout), ImageReference.parse(reference));
        List<Entry> entries = new ArrayList<>();
        List<Descriptor> blobs = new ArrayList<>(image.layers());
        blobs.add(image.config());
        blobs.add(image.manifest());
        for (Descriptor blob : blobs) {
            entries.add(Entry.file(
                    "blobs/sha256/" + blob.digest().hex(),
                    Files.readAllBytes(
                            layout.resolve("blobs/sha256/" + blob.digest().hex()))));
        }
        entries.add(Entry.file("oci-layout", "{\"imageLayoutVersion\": \"1.0.0\"}"));
        entries.add(Entry.file("index.json", index(image.manifest(), reference)));
        return new JibStyle(image, entries);
    }

    /** Jib's {@code index.json}: one manifest, named by {@code ref.name} only. */
    public static String index(Descriptor manifest, String refName) {
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":"
                + "[{\"mediaType\":\"" + manifest.mediaType() + "\",\"digest\":\"" + manifest.digest()
                + "\",\"size\":" + manifest.size() + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\""
                + refName + "\"}}]}";
    }

    /** Writes {@code entries} as a plain tar at {@code target}. */
    public static Path write(Path target, List<Entry> entries) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(target);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry entry : entries) {
                TarArchiveEntry header = new TarArchiveEntry(entry.name(), entry.type(), true);
                if (entry.linkName() != null) {
                    header.setLinkName(entry.linkName());
                }
                header.setSize(
                        entry.type() == org.apache.commons.compress.archivers.tar.TarConstants.LF_NORMAL
                                ? entry.content().length
                                : 0);
                tar.putArchiveEntry(header);
                if (header.getSize() > 0) {
                    tar.write(entry.content());
                }
                tar.closeArchiveEntry();
            }
        }
        return target;
    }
}
