package dev.jackal.injector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.test.oci.TestImage;
import dev.jackal.test.oci.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedPayloadTest {

    @TempDir
    Path work;

    private static List<ImageReference> refs(String... references) {
        return java.util.Arrays.stream(references).map(ImageReference::parse).toList();
    }

    @Test
    void entriesAreNamedWithoutRegistryHostByTagOrDigest() throws Exception {
        SourceLayouts source = new SourceLayouts(work);
        source.add("docker.io/library/registry:2.8.3", TestImages.builder().seed(1));
        TestImage app =
                source.add("127.0.0.1:5000/team/app:1.0", TestImages.builder().seed(2));
        TestImage pinned =
                source.add("ghcr.io/team/pinned:2", TestImages.builder().seed(3));
        String pinnedRef = "ghcr.io/team/pinned@" + pinned.digest();
        source.add(pinnedRef, TestImages.builder().seed(3));

        PayloadChunks payload = SeedPayload.build(
                source.layout(),
                refs("docker.io/library/registry:2.8.3", "127.0.0.1:5000/team/app:1.0", pinnedRef),
                work.resolve("payload.tar.gz"));

        Map<String, byte[]> files = untar(work.resolve("payload.tar.gz"));
        JsonNode index = new ObjectMapper().readTree(files.get("index.json"));
        List<String> names = new ArrayList<>();
        index.path("manifests")
                .forEach(m -> names.add(m.path("annotations")
                        .path("org.opencontainers.image.base.name")
                        .asText()));
        assertEquals(List.of("library/registry:2.8.3", "team/app:1.0", "team/pinned@" + pinned.digest()), names);
        assertEquals(app.digest(), index.path("manifests").get(1).path("digest").asText());
        assertEquals(
                app.mediaType(),
                index.path("manifests").get(1).path("mediaType").asText());
        assertEquals("{\"imageLayoutVersion\":\"1.0.0\"}", new String(files.get("oci-layout")));
        assertEquals(sha256(Files.readAllBytes(work.resolve("payload.tar.gz"))), payload.sha256());
    }

    @Test
    void blobsAreDedupedAndEveryReferencedBlobIsThere() throws Exception {
        SourceLayouts source = new SourceLayouts(work);
        TestImage one =
                source.add("example.com/a:1", TestImages.builder().seed(7).layers(2));
        source.add("example.com/b:1", TestImages.builder().seed(7).layers(2));
        TestImage multi =
                source.add("example.com/multi:1", TestImages.builder().seed(8).platforms("linux/amd64", "linux/arm64"));

        SeedPayload.build(
                source.layout(),
                refs("example.com/a:1", "example.com/b:1", "example.com/a:1", "example.com/multi:1"),
                work.resolve("p.tgz"));

        Map<String, byte[]> files = untar(work.resolve("p.tgz"));
        JsonNode index = new ObjectMapper().readTree(files.get("index.json"));
        assertEquals(3, index.path("manifests").size(), "the duplicate reference is listed once");
        List<String> blobs = files.keySet().stream()
                .filter(n -> n.startsWith("blobs/sha256/") && !n.endsWith("/"))
                .toList();
        // a and b are the same image: manifest + config + 2 layers, once; multi: index + 2 x (manifest, config, layer)
        assertEquals(4 + 1 + 2 * 3, blobs.size(), blobs.toString());
        for (String blob : blobs) {
            assertEquals("sha256:" + blob.substring("blobs/sha256/".length()), "sha256:" + sha256(files.get(blob)));
        }
        assertTrue(files.containsKey("blobs/sha256/" + one.layerDigests().get(1).substring(7)));
        assertTrue(files.containsKey("blobs/sha256/" + multi.digest().substring(7)));
    }

    @Test
    void twoBuildsGiveIdenticalBytesWithSortedNormalisedEntries() throws Exception {
        SourceLayouts source = new SourceLayouts(work);
        source.add("example.com/a:1", TestImages.builder().seed(11).layers(3));
        source.add("example.com/b:1", TestImages.builder().seed(12));
        List<ImageReference> images = refs("example.com/b:1", "example.com/a:1");

        PayloadChunks first = SeedPayload.build(source.layout(), images, work.resolve("first.tgz"));
        PayloadChunks second = SeedPayload.build(source.layout(), images, work.resolve("second.tgz"));

        assertArrayEquals(
                Files.readAllBytes(work.resolve("first.tgz")), Files.readAllBytes(work.resolve("second.tgz")));
        assertEquals(first.sha256(), second.sha256());
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = tar(work.resolve("first.tgz"))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                names.add(e.getName());
                assertEquals(0, e.getModTime().getTime(), e.getName());
                assertEquals(0, e.getLongUserId());
                assertEquals(0, e.getLongGroupId());
                assertEquals("", e.getUserName());
                assertFalse(e.isSymbolicLink() || e.isLink(), e.getName());
            }
        }
        assertEquals(names.stream().sorted().toList(), names);
        assertEquals(List.of("blobs/", "blobs/sha256/"), names.subList(0, 2));
        assertEquals(List.of("index.json", "oci-layout"), names.subList(names.size() - 2, names.size()));
    }

    @Test
    void chunksAreNamedInOrderAndCoverTheArchiveExactly() throws Exception {
        SourceLayouts source = new SourceLayouts(work);
        source.add("example.com/big:1", TestImages.builder().seed(5).layerSize(2_000_000));
        Path archive = work.resolve("payload.tar.gz");

        PayloadChunks payload = SeedPayload.build(source.layout(), refs("example.com/big:1"), archive);

        long size = Files.size(archive);
        assertTrue(size > 2 * SeedPayload.CHUNK_SIZE, "random layers do not compress: " + size);
        assertEquals(size, payload.size());
        assertEquals((size + 786_431) / 786_432, payload.chunks().size());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < payload.chunks().size(); i++) {
            Chunk chunk = payload.chunks().get(i);
            assertEquals(String.format("jackal-payload-%03d", i), chunk.name());
            boolean last = i == payload.chunks().size() - 1;
            assertEquals(last ? size - 786_432L * i : 786_432, chunk.length());
            joined.write(chunk.read());
        }
        assertArrayEquals(Files.readAllBytes(archive), joined.toByteArray());
        assertEquals(sha256(joined.toByteArray()), payload.sha256());

        List<Path> parts = payload.writeParts(Files.createDirectories(work.resolve("init")));
        assertEquals(
                List.of("jackal-payload-000", "jackal-payload-001", "jackal-payload-002"),
                parts.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(786_432, Files.size(parts.get(0)));
    }

    @Test
    void aMissingSeedImageNamesTheReferenceAndLeavesNoArchive() {
        SourceLayouts source = new SourceLayouts(work);
        source.add("example.com/a:1", TestImages.builder().seed(1));
        Path archive = work.resolve("p.tgz");

        SeedPayloadException e = assertThrows(
                SeedPayloadException.class,
                () -> SeedPayload.build(source.layout(), refs("example.com/a:1", "example.com/gone:2"), archive));

        assertEquals("example.com/gone:2", e.subject());
        assertTrue(e.getMessage().contains("example.com/gone:2"), e.getMessage());
        assertFalse(Files.exists(archive));
    }

    @Test
    void anIncompleteSeedImageIsRefused() throws IOException {
        SourceLayouts source = new SourceLayouts(work);
        TestImage image = source.add("example.com/a:1", TestImages.builder().seed(1));
        Files.delete(source.layout()
                .blobPath(dev.jackal.core.oci.Digest.of(image.layerDigests().get(0))));

        SeedPayloadException e = assertThrows(
                SeedPayloadException.class,
                () -> SeedPayload.build(source.layout(), refs("example.com/a:1"), work.resolve("p.tgz")));

        assertTrue(e.getMessage().contains(image.layerDigests().get(0)), e.getMessage());
    }

    @Test
    void twoImagesThatWouldShareASeedNameAreRefused() {
        SourceLayouts source = new SourceLayouts(work);
        source.add("docker.io/library/registry:2", TestImages.builder().seed(1));
        source.add("quay.io/library/registry:2", TestImages.builder().seed(2));

        SeedPayloadException e = assertThrows(
                SeedPayloadException.class,
                () -> SeedPayload.build(
                        source.layout(),
                        refs("docker.io/library/registry:2", "quay.io/library/registry:2"),
                        work.resolve("p.tgz")));

        assertTrue(e.getMessage().contains("library/registry:2"), e.getMessage());
    }

    static Map<String, byte[]> untar(Path archive) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = tar(archive)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                files.put(e.getName(), tar.readAllBytes());
            }
        }
        return files;
    }

    private static TarArchiveInputStream tar(Path archive) throws IOException {
        InputStream in = new GZIPInputStream(Files.newInputStream(archive));
        return new TarArchiveInputStream(in);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
