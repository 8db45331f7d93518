package dev.jackal.core.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageExtractorTest {

    private static final String DEFINITION = "jackal.yaml";
    private static final String TAR_CONTENT = "component tar\n";

    @TempDir
    Path work;

    private final List<String> checked = new ArrayList<>();

    /** checksums.txt listing components/a.tar with {@link #TAR_CONTENT}. */
    private static String checksums() {
        return Sha256.of(TAR_CONTENT.getBytes(StandardCharsets.UTF_8)) + " components/a.tar\n";
    }

    private static String aggregate() {
        return Sha256.of(checksums().getBytes(StandardCharsets.UTF_8));
    }

    private ExtractResult extract(Path archive, Path destination) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            return PackageExtractor.extract(in, archive, destination, DEFINITION, file -> {
                checked.add(Files.readString(file));
                return aggregate();
            });
        }
    }

    private static long bytesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    @Test
    void anUnlistedEntryIsRefusedOnSightWithoutWritingIt() throws IOException {
        Path archive = work.resolve("bomb.tar.zst");
        long gib = 1L << 30;
        try (TarBuilder tar = TarBuilder.tarZst(archive)) {
            tar.file(DEFINITION, "kind: JackalPackageConfig\n")
                    .file("checksums.txt", checksums())
                    .file("components/a.tar", TAR_CONTENT)
                    .zeros("images/blobs/sha256/bomb", gib + 1);
        }
        assertTrue(Files.size(archive) < 1 << 20, "the package is small: " + Files.size(archive));
        Path destination = work.resolve("out");

        ChecksumException e = assertThrows(ChecksumException.class, () -> extract(archive, destination));
        assertEquals(ChecksumException.Problem.UNLISTED_FILE, e.problem());
        assertEquals("images/blobs/sha256/bomb", e.path().orElseThrow());
        long written = bytesUnder(destination);
        assertTrue(written < 4 << 20, "at most a few MB are written, not " + written);
        assertTrue(Files.notExists(destination.resolve("images/blobs/sha256/bomb")));
    }

    @Test
    void aLargeEntryBeforeChecksumsIsRefusedBeforeItIsWritten() throws IOException {
        Path archive = work.resolve("early.tar.zst");
        try (TarBuilder tar = TarBuilder.tarZst(archive)) {
            tar.file(DEFINITION, "kind: JackalPackageConfig\n")
                    .zeros("components/early.tar", PackageExtractor.MAX_BYTES_BEFORE_CHECKSUMS + 1)
                    .file("checksums.txt", checksums());
        }
        Path destination = work.resolve("out");
        UnsafeEntryException e = assertThrows(UnsafeEntryException.class, () -> extract(archive, destination));
        assertEquals("components/early.tar", e.entry());
        assertTrue(bytesUnder(destination) < 1 << 20);
    }

    @Test
    void theDefinitionIsCheckedBeforeAnyOtherEntryIsWritten() throws IOException {
        Path archive = work.resolve("refused.tar.zst");
        try (TarBuilder tar = TarBuilder.tarZst(archive)) {
            tar.file(DEFINITION, "metadata: {name: ../x}\n")
                    .file("checksums.txt", checksums())
                    .file("components/a.tar", TAR_CONTENT);
        }
        Path destination = work.resolve("out");
        try (InputStream in = Files.newInputStream(archive)) {
            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> PackageExtractor.extract(in, archive, destination, DEFINITION, file -> {
                        throw new IllegalStateException(
                                "refused " + Files.readString(file).strip());
                    }));
            assertEquals("refused metadata: {name: ../x}", e.getMessage());
        }
        try (Stream<Path> files = Files.walk(destination)) {
            assertEquals(
                    List.of(DEFINITION),
                    files.filter(Files::isRegularFile)
                            .map(p -> destination.relativize(p).toString())
                            .toList());
        }
    }

    @Test
    void zarfsLexicalOrderWithTheDefinitionLastIsAccepted() throws IOException {
        Path archive = work.resolve("lexical.tar.zst");
        try (TarBuilder tar = TarBuilder.tarZst(archive)) {
            tar.file("checksums.txt", checksums())
                    .file("components/a.tar", TAR_CONTENT)
                    .file(DEFINITION, "kind: ZarfPackageConfig\n");
        }
        Path destination = work.resolve("out");
        extract(archive, destination);
        assertEquals(List.of("kind: ZarfPackageConfig\n"), checked);
        assertEquals(TAR_CONTENT, Files.readString(destination.resolve("components/a.tar")));
    }

    @Test
    void aFileBeforeChecksumsIsStillVerified() throws IOException {
        Path archive = work.resolve("early-unlisted.tar.zst");
        try (TarBuilder tar = TarBuilder.tarZst(archive)) {
            tar.file(DEFINITION, "kind: JackalPackageConfig\n")
                    .file("components/a.tar", TAR_CONTENT)
                    .file("components/b.tar", "not listed\n")
                    .file("checksums.txt", checksums());
        }
        ChecksumException e = assertThrows(ChecksumException.class, () -> extract(archive, work.resolve("out")));
        assertEquals(ChecksumException.Problem.UNLISTED_FILE, e.problem());
        assertEquals("components/b.tar", e.path().orElseThrow());
    }

    @Test
    void aChangedFileAMissingFileAndAWrongAggregateAreRefused() throws IOException {
        Path changed = work.resolve("changed.tar.zst");
        try (TarBuilder tar = TarBuilder.tarZst(changed)) {
            tar.file(DEFINITION, "kind: JackalPackageConfig\n")
                    .file("checksums.txt", checksums())
                    .file("components/a.tar", "component tar, altered\n");
        }
        assertEquals(
                ChecksumException.Problem.DIGEST_MISMATCH,
                assertThrows(ChecksumException.class, () -> extract(changed, work.resolve("a")))
                        .problem());

        Path missing = work.resolve("missing.tar.zst");
        try (TarBuilder tar = TarBuilder.tarZst(missing)) {
            tar.file(DEFINITION, "kind: JackalPackageConfig\n").file("checksums.txt", checksums());
        }
        ChecksumException absent = assertThrows(ChecksumException.class, () -> extract(missing, work.resolve("b")));
        assertEquals(ChecksumException.Problem.MISSING_FILE, absent.problem());
        assertEquals("components/a.tar", absent.path().orElseThrow());

        Path aggregate = work.resolve("aggregate.tar.zst");
        try (TarBuilder tar = TarBuilder.tarZst(aggregate)) {
            tar.file(DEFINITION, "kind: JackalPackageConfig\n")
                    .file("checksums.txt", checksums() + "\n")
                    .file("components/a.tar", TAR_CONTENT);
        }
        assertEquals(
                ChecksumException.Problem.AGGREGATE_MISMATCH,
                assertThrows(ChecksumException.class, () -> extract(aggregate, work.resolve("c")))
                        .problem());
    }

    @Test
    void symbolicLinksAreRefusedInAPackage() throws IOException {
        Path archive = work.resolve("link.tar.zst");
        try (TarBuilder tar = TarBuilder.tarZst(archive)) {
            tar.file(DEFINITION, "kind: JackalPackageConfig\n")
                    .file("checksums.txt", checksums())
                    .symlink("components/a.tar", "b.tar");
        }
        UnsafeEntryException e = assertThrows(UnsafeEntryException.class, () -> extract(archive, work.resolve("out")));
        assertEquals("components/a.tar", e.entry());
    }
}
