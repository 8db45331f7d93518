package dev.jackal.core.create;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.archive.ExtractOptions;
import dev.jackal.core.archive.SafeExtractor;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.oci.CredentialProvider;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.ImageArchiveException;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.oci.OciTars;
import dev.jackal.core.oci.OciTars.Entry;
import dev.jackal.core.oci.OciTars.JibStyle;
import dev.jackal.test.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CreateOptions#imageArchives()}: an image built as an OCI tar (Jib's {@code jib:buildTar}) goes into the
 * package byte for byte under the reference it was built with. The image's registry is a loopback port nothing
 * listens on, so any attempt to contact it fails the create.
 */
class ImageArchiveCreateTest {

    @TempDir
    Path work;

    String reference;
    JibStyle jib;
    Path tar;
    Path digestFile;

    @BeforeEach
    void archive() throws Exception {
        reference = "127.0.0.1:" + Ports.free() + "/acme/app:1.0";
        jib = OciTars.jibStyle(work, reference);
        tar = OciTars.write(work.resolve("app/target/jib-image.tar"), jib.entries());
        digestFile = Files.writeString(
                work.resolve("app/target/jib-image.digest"),
                jib.image().manifest().digest().toString());
    }

    @Test
    void theImageGoesIntoThePackageByteForByteWithItsReference() throws Exception {
        CreateResult result = create(writePackage(reference), new ImageArchive(tar, digestFile));

        Path unpacked = work.resolve("unpacked");
        SafeExtractor.extract(result.archive(), unpacked, ExtractOptions.defaults());
        OciLayout images = OciLayout.open(unpacked.resolve("images"));
        Descriptor entry = images.findEntry(ImageReference.parse(reference)).orElseThrow();
        assertEquals(jib.image().manifest().digest(), entry.digest());
        assertEquals(reference, entry.annotation(Descriptor.BASE_NAME).orElseThrow());
        for (Entry blob : jib.entries()) {
            if (blob.name().startsWith("blobs/")) {
                assertArrayEquals(
                        blob.content(),
                        Files.readAllBytes(unpacked.resolve("images").resolve(blob.name())));
            }
        }
        try (Stream<Path> left = Files.list(work.resolve("cache/tmp"))) {
            assertEquals(List.of(), left.toList(), "the unpacked archive is cleaned up");
        }
    }

    @Test
    void aDigestFileFromAnotherBuildIsOneLineNamingBothDigestsAndFiles() throws Exception {
        String other = "sha256:" + "ab".repeat(32);
        Files.writeString(digestFile, other + "\n");
        ImageArchiveException e = assertThrows(
                ImageArchiveException.class, () -> create(writePackage(reference), new ImageArchive(tar, digestFile)));
        assertEquals(
                "the image archive " + tar + " holds manifest "
                        + jib.image().manifest().digest() + " but " + digestFile
                        + " says " + other + ": they come from different builds; build the image again (jib:buildTar"
                        + " writes both)",
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aDigestFileThatHoldsNoDigestIsNamed() throws Exception {
        Files.writeString(digestFile, "not a digest");
        ImageArchiveException e = assertThrows(
                ImageArchiveException.class, () -> create(writePackage(reference), new ImageArchive(tar, digestFile)));
        assertTrue(e.getMessage().startsWith("the digest file " + digestFile + " holds no digest"), e.getMessage());
    }

    @Test
    void anImageTheDefinitionDoesNotListIsOneLineWithTheFix() throws Exception {
        String listed = reference.replace(":1.0", ":1.1");
        ImageArchiveException e =
                assertThrows(ImageArchiveException.class, () -> create(writePackage(listed), ImageArchive.of(tar)));
        assertEquals(
                "the image archive " + tar + " holds " + reference + ", which no component lists under images: add "
                        + reference + " to a component's images in jackal.yaml (it lists " + listed + ")",
                e.getMessage());
    }

    @Test
    void anEntryWithoutRefNameIsNamed() throws Exception {
        List<Entry> entries = new java.util.ArrayList<>(jib.without("index.json"));
        entries.add(Entry.file(
                "index.json",
                OciTars.index(jib.image().manifest(), reference)
                        .replace(
                                ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + reference + "\"}", "")));
        Path unnamed = OciTars.write(work.resolve("unnamed.tar"), entries);
        ImageArchiveException e = assertThrows(
                ImageArchiveException.class, () -> create(writePackage(reference), ImageArchive.of(unnamed)));
        assertTrue(e.getMessage().contains("has no org.opencontainers.image.ref.name annotation"), e.getMessage());
    }

    private Path writePackage(String listed) throws Exception {
        Path pkg = Files.createDirectories(work.resolve("pkg"));
        Files.writeString(
                pkg.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: jib-app
                  version: 1.0.0
                components:
                  - name: app
                    required: true
                    images:
                      - %s
                """
                        .formatted(listed));
        return pkg;
    }

    private CreateResult create(Path pkg, ImageArchive archive) {
        return new PackageCreator(
                        EventHandler.NONE,
                        SkeletonResolver.LOCAL_ONLY,
                        new OciImageStep(EventHandler.NONE, CredentialProvider.anonymous()))
                .create(CreateOptions.builder(pkg)
                        .outputDir(work.resolve("out"))
                        .cacheDir(work.resolve("cache"))
                        .architecture("amd64")
                        .skipSbom(true)
                        .plainHttp(true)
                        .retries(1)
                        .imageArchives(List.of(archive))
                        .build());
    }
}
