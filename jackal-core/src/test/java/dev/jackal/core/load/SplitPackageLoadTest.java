package dev.jackal.core.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.archive.Sha256;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.create.CreateOptions;
import dev.jackal.core.create.CreateResult;
import dev.jackal.core.create.ImageStep;
import dev.jackal.core.create.PackageCreator;
import dev.jackal.core.event.EventHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Split packages are read where they lie: nothing is joined, written or removed next to the parts (read-only media),
 * and two readers of one split package do not get in each other's way. Tests run as root here, where permissions do
 * not bind, so the directory is made read-only and, on top, its listing and every part's bytes are compared before
 * and after.
 */
class SplitPackageLoadTest {

    @TempDir
    static Path shared;

    static Path parts;
    static CreateResult created;

    @TempDir
    Path work;

    @BeforeAll
    static void createSplitPackage() throws IOException {
        Path src = Files.createDirectories(shared.resolve("src"));
        Files.writeString(
                src.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: split
                  version: 1.0.0
                components:
                  - name: data
                    files:
                      - source: random.bin
                        target: /opt/random.bin
                """);
        byte[] random = new byte[2_600_000];
        new Random(9).nextBytes(random);
        Files.write(src.resolve("random.bin"), random);
        ImageStep none = (p, dir, o) -> List.of();
        created = new PackageCreator(EventHandler.NONE, SkeletonResolver.LOCAL_ONLY, none)
                .create(CreateOptions.builder(src)
                        .outputDir(shared.resolve("media"))
                        .architecture("amd64")
                        .maxPackageSizeMb(1)
                        .build());
        parts = created.archive().getParent();
        assertTrue(
                created.archive().getFileName().toString().endsWith(".part000"),
                created.archive().toString());
    }

    private static Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(parts)) {
            for (Path file : list.sorted().toList()) {
                files.put(file.getFileName().toString(), Sha256.of(file));
            }
        }
        return files;
    }

    private String load(Path temp) {
        try (LoadedPackage loaded =
                new PackageLoader(EventHandler.NONE, temp).load(created.archive(), Optional.empty())) {
            assertEquals(created.aggregateChecksum(), loaded.pkg().metadata().aggregateChecksum());
            return loaded.pkg().metadata().name();
        }
    }

    @Test
    void twoReadersOfAReadOnlySplitPackageBothSucceedAndNothingChangesNextToTheParts() throws Exception {
        Map<String, String> before = snapshot();
        assertTrue(before.size() >= 4, before.toString());
        Files.setPosixFilePermissions(parts, PosixFilePermissions.fromString("r-xr-xr-x"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Path one = Files.createDirectories(work.resolve("one"));
            Path two = Files.createDirectories(work.resolve("two"));
            List<Callable<String>> readers = List.of(() -> load(one), () -> load(two));
            for (Future<String> result : pool.invokeAll(readers)) {
                assertEquals("split", result.get());
            }
        } finally {
            pool.shutdown();
            Files.setPosixFilePermissions(parts, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertEquals(before, snapshot(), "the parts are neither joined, nor added to, nor removed");
        assertEquals(before, snapshot());
        assertEquals("split", load(Files.createDirectories(work.resolve("again"))), "a second load works the same");
    }

    @Test
    void aShasumNotNamedByTheMetadataIsRefused() {
        PackageLoadException e =
                assertThrows(PackageLoadException.class, () -> new PackageLoader(EventHandler.NONE, work)
                        .load(created.archive(), Optional.of("0".repeat(64))));
        assertTrue(e.getMessage().contains("0".repeat(64)), e.getMessage());
    }
}
