package dev.jackal.core.oci.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.oci.Platform;
import dev.jackal.test.Exec;
import dev.jackal.test.TestTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageBuilderTest {

    private static final ImageReference REF = ImageReference.parse("jackal.dev/test/hello:1.0");

    @TempDir
    Path dir;

    @Test
    void twoBuildsOfTheSameInputsHaveTheSameDigests() throws IOException {
        Path files = files("hello world\n");
        BuiltImage first = build(files, dir.resolve("one"));
        // the same content in files with other times and another directory
        Path other = files("hello world\n");
        Files.setLastModifiedTime(other.resolve("hello"), java.nio.file.attribute.FileTime.fromMillis(123_456_000));
        BuiltImage second = build(other, dir.resolve("two"));

        assertEquals(first.manifest(), second.manifest());
        assertEquals(first.layers(), second.layers());
        assertArrayEquals(
                Files.readAllBytes(dir.resolve("one/index.json")), Files.readAllBytes(dir.resolve("two/index.json")));
    }

    @Test
    void otherContentGivesAnotherDigest() throws IOException {
        BuiltImage first = build(files("hello world\n"), dir.resolve("one"));
        BuiltImage second = build(files("hello there\n"), dir.resolve("two"));
        assertNotEquals(first.manifest().digest(), second.manifest().digest());
    }

    @Test
    void layerIsSortedNormalisedAndGzipHasNoTimestamp() throws IOException {
        BuiltImage image = build(files("hello world\n"), dir.resolve("one"));
        Path blob = OciLayout.open(dir.resolve("one"))
                .blobPath(image.layers().get(0).digest());
        byte[] header = new byte[10];
        try (InputStream in = Files.newInputStream(blob)) {
            assertEquals(10, in.read(header));
        }
        assertEquals(0, header[4] | header[5] | header[6] | header[7], "gzip MTIME is zero");
        assertEquals(0, header[3], "gzip FLG: no name, no comment, no extra");

        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(blob)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                names.add(entry.getName() + " " + Integer.toOctalString(entry.getMode()) + " " + entry.getLongUserId()
                        + ":" + entry.getLongGroupId() + " "
                        + entry.getModTime().getTime() + " '"
                        + entry.getUserName() + "'" + (entry.isSymbolicLink() ? " -> " + entry.getLinkName() : ""));
            }
        }
        assertEquals(
                List.of(
                        "bin/ 755 0:0 0 ''",
                        "bin/hello 755 0:0 0 ''",
                        "bin/sh 777 0:0 0 '' -> hello",
                        "etc/ 755 0:0 0 ''",
                        "etc/app/ 750 65532:65532 0 ''",
                        "etc/app/config.yml 644 0:0 0 ''"),
                names);
        assertEquals(LayerWriter.MEDIA_TYPE, image.layers().get(0).mediaType());
    }

    @Test
    void configCarriesTheRunSettingsAndSourceDateEpoch() throws IOException {
        Instant when = ImageBuilder.sourceDateEpoch(Map.of("SOURCE_DATE_EPOCH", "1700000000"));
        BuiltImage image = ImageBuilder.forPlatform(Platform.linux("amd64"))
                .layer(entries(files("x")))
                .config(config())
                .created(when)
                .build(OciLayout.create(dir.resolve("one")), REF);
        JsonNode config = new ObjectMapper()
                .readTree(OciLayout.open(dir.resolve("one"))
                        .blobPath(image.config().digest())
                        .toFile());
        assertEquals("2023-11-14T22:13:20Z", config.path("created").asText());
        assertEquals("amd64", config.path("architecture").asText());
        assertEquals("65532:65532", config.path("config").path("User").asText());
        assertEquals(
                "[\"/bin/hello\",\"serve\"]",
                config.path("config").path("Entrypoint").toString());
        assertEquals(
                "[\"A=1\",\"PATH=/bin\"]", config.path("config").path("Env").toString());
        assertTrue(config.path("config").path("ExposedPorts").has("5000/tcp"));
        assertEquals("/etc/app", config.path("config").path("WorkingDir").asText());
        assertEquals(
                image.layers().size(), config.path("rootfs").path("diff_ids").size());
        assertThrows(ImageBuildException.class, () -> ImageBuilder.sourceDateEpoch(Map.of("SOURCE_DATE_EPOCH", "x")));
    }

    @Test
    void indexEntryIsNamedAsCreateNamesImages() throws IOException {
        BuiltImage image = build(files("hello world\n"), dir.resolve("one"));
        Descriptor entry = OciLayout.open(dir.resolve("one")).entries().get(0);
        assertEquals(image.manifest(), entry);
        assertEquals(REF.toString(), entry.annotations().get(Descriptor.BASE_NAME));
        assertEquals(REF.toString(), entry.annotations().get(Descriptor.REF_NAME));
        assertEquals(Platform.linux("amd64"), entry.platform().orElseThrow());
    }

    @Test
    void skopeoAndUmociReadTheImage() throws IOException {
        Path files = files("hello world\n");
        Path layout = dir.resolve("one");
        BuiltImage image = build(files, layout);

        Exec.Result inspect = Exec.run(List.of(
                        TestTools.onPath("skopeo", "skopeo").toString(),
                        "inspect",
                        "--raw",
                        "oci:" + layout + ":" + REF))
                .requireSuccess();
        assertEquals(
                image.manifest().digest(),
                dev.jackal.core.oci.Digest.sha256(inspect.stdout().getBytes(StandardCharsets.UTF_8)));

        Path copy = dir.resolve("copy");
        Exec.run(List.of(
                        TestTools.onPath("skopeo", "skopeo").toString(),
                        "copy",
                        "oci:" + layout + ":" + REF,
                        "oci:" + copy + ":copied"))
                .requireSuccess();
        assertTrue(Files.exists(copy.resolve("index.json")));

        Path bundle = dir.resolve("bundle");
        Exec.run(List.of(
                        TestTools.onPath("umoci", "umoci").toString(),
                        "unpack",
                        "--rootless",
                        "--image",
                        layout + ":" + REF,
                        bundle.toString()))
                .requireSuccess();
        assertEquals("hello world\n", Files.readString(bundle.resolve("rootfs/bin/hello")));
        assertEquals("key: value\n", Files.readString(bundle.resolve("rootfs/etc/app/config.yml")));
        assertEquals(Path.of("hello"), Files.readSymbolicLink(bundle.resolve("rootfs/bin/sh")));
        assertTrue(Files.isExecutable(bundle.resolve("rootfs/bin/hello")));
        JsonNode runtime =
                new ObjectMapper().readTree(bundle.resolve("config.json").toFile());
        assertEquals(
                "[\"/bin/hello\",\"serve\"]",
                runtime.path("process").path("args").toString());
    }

    @Test
    void aMissingSourceFileIsNamed() throws IOException {
        Path missing = dir.resolve("nope");
        ImageBuildException e =
                assertThrows(ImageBuildException.class, () -> ImageBuilder.forPlatform(Platform.linux("amd64"))
                        .layer(List.of(LayerEntry.file(missing, "/bin/nope", 0755)))
                        .build(OciLayout.create(dir.resolve("one")), REF));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LayerEntry.directory("/a/../b", 0755));
    }

    private BuiltImage build(Path files, Path layout) throws IOException {
        return ImageBuilder.forPlatform(Platform.linux("amd64"))
                .layer(entries(files))
                .config(config())
                .build(OciLayout.create(layout), REF);
    }

    private static ImageConfig config() {
        return ImageConfig.builder()
                .entrypoint("/bin/hello", "serve")
                .env("PATH", "/bin")
                .env("A", "1")
                .user("65532:65532")
                .workingDir("/etc/app")
                .exposedPort("5000")
                .label("org.opencontainers.image.title", "hello")
                .build();
    }

    private static List<LayerEntry> entries(Path files) {
        // deliberately unsorted, parents partly implicit
        return List.of(
                LayerEntry.file(files.resolve("config.yml"), "/etc/app/config.yml", 0644),
                LayerEntry.symlink("/bin/sh", "hello"),
                LayerEntry.file(files.resolve("hello"), "/bin/hello", 0755),
                LayerEntry.directory("/etc/app", 0750).withOwner(65532, 65532));
    }

    private Path files(String hello) throws IOException {
        Path files = Files.createTempDirectory(dir, "files");
        Files.writeString(files.resolve("hello"), hello);
        Files.writeString(files.resolve("config.yml"), "key: value\n");
        return files;
    }
}
