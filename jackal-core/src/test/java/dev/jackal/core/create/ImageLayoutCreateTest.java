package dev.jackal.core.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.archive.ExtractOptions;
import dev.jackal.core.archive.SafeExtractor;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.oci.CredentialProvider;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.Digest;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.OciException;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.oci.Platform;
import dev.jackal.core.oci.image.BuiltImage;
import dev.jackal.core.oci.image.ImageBuilder;
import dev.jackal.core.oci.image.ImageConfig;
import dev.jackal.core.oci.image.LayerEntry;
import dev.jackal.test.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --image-layout}: images named in a local OCI layout are copied from it byte for byte. The images' registry
 * is a loopback port nothing listens on, so any attempt to contact it fails the create.
 */
class ImageLayoutCreateTest {

    @TempDir
    Path work;

    @Test
    void imagesComeFromTheLocalLayoutWithTheSameDigest() throws Exception {
        String reference = unreachableRegistry() + "/jackal/hello:1.0";
        Path layout = work.resolve("layout");
        BuiltImage built = buildImage(layout, reference);
        Path pkg = writePackage(reference);

        CreateResult result = create(pkg, List.of(layout));

        Path unpacked = work.resolve("unpacked");
        SafeExtractor.extract(result.archive(), unpacked, ExtractOptions.defaults());
        OciLayout images = OciLayout.open(unpacked.resolve("images"));
        Descriptor entry = images.findEntry(ImageReference.parse(reference)).orElseThrow();
        assertEquals(built.manifest().digest(), entry.digest());
        assertEquals(reference, entry.annotations().get(Descriptor.BASE_NAME));
        for (Descriptor blob :
                images.read(entry.digest(), entry.mediaType(), reference).blobs()) {
            assertTrue(images.hasBlob(blob.digest()), blob.toString());
        }
        String definition = Files.readString(unpacked.resolve("jackal.yaml"));
        assertTrue(definition.contains(reference), definition);
    }

    @Test
    void aFixedTimestampMakesTheArchiveByteForByteTheSame() throws Exception {
        String reference = unreachableRegistry() + "/jackal/hello:1.0";
        Path layout = work.resolve("layout");
        buildImage(layout, reference);
        Path pkg = writePackage(reference);
        Instant when = Instant.parse("2026-01-01T00:00:00Z");

        Path first = create(pkg, List.of(layout), when, work.resolve("one")).archive();
        Thread.sleep(1100);
        Path second = create(pkg, List.of(layout), when, work.resolve("two")).archive();

        assertEquals(Digest.sha256(Files.readAllBytes(first)), Digest.sha256(Files.readAllBytes(second)));
        Path unpacked = work.resolve("unpacked");
        SafeExtractor.extract(first, unpacked, ExtractOptions.defaults());
        assertTrue(Files.readString(unpacked.resolve("jackal.yaml")).contains("Thu, 01 Jan 2026 00:00:00 +0000"));
    }

    @Test
    void withoutTheLayoutTheRegistryIsAsked() throws Exception {
        String reference = unreachableRegistry() + "/jackal/hello:1.0";
        buildImage(work.resolve("layout"), reference);
        Path pkg = writePackage(reference);
        assertThrows(OciException.class, () -> create(pkg, List.of()));
    }

    @Test
    void aLayoutWithoutTheImageFallsBackToTheRegistry() throws Exception {
        String registry = unreachableRegistry();
        Path layout = work.resolve("layout");
        buildImage(layout, registry + "/jackal/other:1.0");
        Path pkg = writePackage(registry + "/jackal/hello:1.0");
        assertThrows(OciException.class, () -> create(pkg, List.of(layout)));
    }

    private static String unreachableRegistry() {
        return "127.0.0.1:" + Ports.free();
    }

    private BuiltImage buildImage(Path layout, String reference) throws Exception {
        Path file =
                Files.writeString(Files.createDirectories(work.resolve("files")).resolve("hello"), "hello\n");
        return ImageBuilder.forPlatform(Platform.linux("amd64"))
                .layer(List.of(LayerEntry.file(file, "/bin/hello", 0755)))
                .config(ImageConfig.builder().entrypoint("/bin/hello").build())
                .build(OciLayout.create(layout), ImageReference.parse(reference));
    }

    private Path writePackage(String reference) throws Exception {
        Path pkg = Files.createDirectories(work.resolve("pkg"));
        Files.writeString(
                pkg.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: local-images
                  version: 1.0.0
                components:
                  - name: app
                    required: true
                    images:
                      - %s
                """
                        .formatted(reference));
        return pkg;
    }

    private CreateResult create(Path pkg, List<Path> layouts) {
        return create(pkg, layouts, null, work.resolve("out"));
    }

    private CreateResult create(Path pkg, List<Path> layouts, Instant timestamp, Path output) {
        return new PackageCreator(
                        EventHandler.NONE,
                        SkeletonResolver.LOCAL_ONLY,
                        new OciImageStep(EventHandler.NONE, CredentialProvider.anonymous()))
                .create(CreateOptions.builder(pkg)
                        .outputDir(output)
                        .timestamp(timestamp)
                        .cacheDir(work.resolve("cache"))
                        .architecture("amd64")
                        .skipSbom(true)
                        .plainHttp(true)
                        .retries(1)
                        .imageLayouts(layouts)
                        .build());
    }
}
