package dev.jackal.core.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.archive.ArchiveOptions;
import dev.jackal.core.archive.ExtractOptions;
import dev.jackal.core.archive.PackageArchiver;
import dev.jackal.core.archive.SafeExtractor;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.create.CreateOptions;
import dev.jackal.core.create.CreateResult;
import dev.jackal.core.create.ImageStep;
import dev.jackal.core.create.PackageCreator;
import dev.jackal.core.event.EventHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PackageLoaderTest {

    @TempDir
    static Path shared;

    static Path archive;
    static CreateResult created;

    @TempDir
    Path work;

    @BeforeAll
    static void createPackage() throws Exception {
        Path pkg = Files.createDirectories(shared.resolve("src"));
        Files.writeString(
                pkg.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: tamper
                  version: 1.0.0
                components:
                  - name: a
                    files:
                      - source: one.txt
                        target: /opt/one.txt
                    manifests:
                      - name: m
                        files:
                          - cm.yaml
                  - name: b
                    files:
                      - source: two.txt
                        target: /opt/two.txt
                """);
        Files.writeString(pkg.resolve("one.txt"), "one\n");
        Files.writeString(pkg.resolve("two.txt"), "two\n");
        Files.writeString(pkg.resolve("cm.yaml"), "kind: ConfigMap\n");
        ImageStep none = (p, dir, o) -> List.of();
        created = new PackageCreator(EventHandler.NONE, SkeletonResolver.LOCAL_ONLY, none)
                .create(CreateOptions.builder(pkg)
                        .outputDir(shared.resolve("out"))
                        .architecture("amd64")
                        .build());
        archive = created.archive();
    }

    static Stream<String> packageFiles() throws Exception {
        Path dir = Files.createTempDirectory("jackal-files");
        SafeExtractor.extract(archive, dir, ExtractOptions.defaults());
        List<String> files = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("checksums.txt"))) {
            files.add(line.substring(line.indexOf(' ') + 1));
        }
        files.add("checksums.txt");
        assertTrue(files.size() >= 4, files.toString());
        return files.stream();
    }

    @Test
    void intactPackageLoads() {
        try (LoadedPackage loaded = new PackageLoader(EventHandler.NONE, work).load(archive, Optional.empty())) {
            assertEquals("tamper", loaded.pkg().metadata().name());
            assertEquals(created.aggregateChecksum(), loaded.pkg().metadata().aggregateChecksum());
            assertTrue(loaded.definitionText().startsWith("kind: JackalPackageConfig"));
        }
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(0, left.count(), "closing removes the temporary directory");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "flipping a byte of {0}")
    @MethodSource("packageFiles")
    void flippedByteIsRefusedNamingTheFile(String file) throws Exception {
        Path dir = work.resolve("unpacked");
        SafeExtractor.extract(archive, dir, ExtractOptions.defaults());
        Path target = dir.resolve(file);
        byte[] bytes = Files.readAllBytes(target);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(target, bytes);
        Path tampered = work.resolve("tampered.tar.zst");
        PackageArchiver.archive(dir, tampered, ArchiveOptions.defaults());

        Path temp = Files.createDirectories(work.resolve("temp"));
        PackageLoadException e =
                assertThrows(PackageLoadException.class, () -> new PackageLoader(EventHandler.NONE, temp)
                        .load(tampered, Optional.empty()));
        assertTrue(e.getMessage().contains(file), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        try (Stream<Path> left = Files.list(temp)) {
            assertEquals(0, left.count(), "a refused package leaves nothing behind");
        }
    }

    @Test
    void missingFileIsRefused() {
        PackageLoadException e =
                assertThrows(PackageLoadException.class, () -> new PackageLoader(EventHandler.NONE, work)
                        .load(work.resolve("nope.tar.zst"), Optional.empty()));
        assertTrue(e.getMessage().contains("nope.tar.zst"), e.getMessage());
    }

    @Test
    void downloadedPackageMustBeCheckedAndIsVerifiedAgainstItsShasum() throws Exception {
        String sha = dev.jackal.core.archive.Sha256.of(archive);
        String wrong = "0".repeat(64);
        Path temp = Files.createDirectories(work.resolve("temp"));
        PackageLoader loader = new PackageLoader(EventHandler.NONE, temp);
        try (dev.jackal.test.http.StaticHttpServer server =
                dev.jackal.test.http.StaticHttpServer.serve(archive.getParent())) {
            String url = server.baseUrl() + "/" + archive.getFileName();

            PackageLoadException unchecked =
                    assertThrows(PackageLoadException.class, () -> loader.load(url, Optional.empty(), false));
            assertTrue(unchecked.getMessage().contains("--shasum"), unchecked.getMessage());
            assertEquals(List.of(), server.requests(), "nothing is downloaded without a way to check it");

            PackageLoadException mismatch =
                    assertThrows(PackageLoadException.class, () -> loader.load(url, Optional.of(wrong), false));
            assertTrue(
                    mismatch.getMessage().contains(sha) && mismatch.getMessage().contains(wrong),
                    mismatch.getMessage());

            try (LoadedPackage pinned = loader.load(url + "@" + sha, Optional.empty(), false)) {
                assertEquals("tamper", pinned.pkg().metadata().name());
            }
            try (LoadedPackage flagged = loader.load(url, Optional.of(sha.toUpperCase(java.util.Locale.ROOT)), false)) {
                assertEquals(
                        created.aggregateChecksum(), flagged.pkg().metadata().aggregateChecksum());
            }
            try (LoadedPackage insecure = loader.load(url, Optional.empty(), true)) {
                assertEquals("tamper", insecure.pkg().metadata().name());
            }
            PackageLoadException missing = assertThrows(
                    PackageLoadException.class,
                    () -> loader.load(server.baseUrl() + "/missing.tar.zst", Optional.empty(), true));
            assertTrue(missing.getMessage().contains("404"), missing.getMessage());
        }
        try (Stream<Path> left = Files.list(temp)) {
            assertEquals(0, left.count(), "downloads are cleaned up, refused or not");
        }
    }

    @Test
    void localArchiveWithWrongShasumIsRefused() {
        PackageLoadException e =
                assertThrows(PackageLoadException.class, () -> new PackageLoader(EventHandler.NONE, work)
                        .load(archive, Optional.of("ab".repeat(32))));
        assertTrue(e.getMessage().contains("not the expected"), e.getMessage());
    }
}
