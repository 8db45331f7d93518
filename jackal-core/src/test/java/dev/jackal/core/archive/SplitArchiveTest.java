package dev.jackal.core.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitArchiveTest {

    @TempDir
    Path temp;

    private Path archive;
    private byte[] original;
    private String sha256;

    @BeforeEach
    void archive() throws IOException {
        archive = Trees.random(temp, "jackal-package-web-amd64.tar.zst", 2_500_000, 7);
        original = Files.readAllBytes(archive);
        sha256 = Sha256.of(original);
    }

    @Test
    void splitsIntoExactDecimalMegabytesAndWritesMetadata() throws IOException {
        Path part000 = SplitArchive.split(archive, 1).orElseThrow();

        assertEquals(temp.resolve("jackal-package-web-amd64.tar.zst.part000"), part000);
        assertEquals(
                List.of(
                        "jackal-package-web-amd64.tar.zst.part000",
                        "jackal-package-web-amd64.tar.zst.part001",
                        "jackal-package-web-amd64.tar.zst.part002",
                        "jackal-package-web-amd64.tar.zst.part003"),
                Trees.listing(temp));
        assertEquals(1_000_000, Files.size(SplitArchive.partPath(archive, 1)));
        assertEquals(1_000_000, Files.size(SplitArchive.partPath(archive, 2)));
        assertEquals(500_000, Files.size(SplitArchive.partPath(archive, 3)));
        assertEquals("{\"sha256Sum\":\"" + sha256 + "\",\"bytes\":2500000,\"count\":3}", Files.readString(part000));
    }

    /** Reads the parts as one stream and verifies them. */
    private static byte[] read(Path part000, Optional<String> expected) throws IOException {
        try (SplitInput in = SplitArchive.open(part000, expected)) {
            byte[] bytes = in.readAllBytes();
            in.verify();
            return bytes;
        }
    }

    @Test
    void readsThePartsBackAsOneStreamAndWritesNothing() throws IOException {
        Path part000 = SplitArchive.split(archive, 1).orElseThrow();
        List<String> parts = Trees.listing(temp);

        assertArrayEquals(original, read(part000, Optional.of(sha256.toUpperCase())));
        assertEquals(parts, Trees.listing(temp), "the parts stay, nothing is added next to them");
    }

    @Test
    void verifyReadsWhatTheConsumerLeft() throws IOException {
        Path part000 = SplitArchive.split(archive, 1).orElseThrow();
        try (SplitInput in = SplitArchive.open(part000, Optional.empty())) {
            assertEquals(1_500_000, in.readNBytes(1_500_000).length);
            in.verify();
        }
    }

    @Test
    void twoReadersAtOnceBothSucceed() throws Exception {
        Path part000 = SplitArchive.split(archive, 1).orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<byte[]>> reads = pool.invokeAll(
                    List.of(() -> read(part000, Optional.empty()), () -> read(part000, Optional.empty())));
            for (Future<byte[]> result : reads) {
                assertArrayEquals(original, result.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(4, Trees.listing(temp).size());
    }

    @Test
    void anArchiveThatFitsIsLeftAlone() throws IOException {
        assertEquals(Optional.empty(), SplitArchive.split(archive, 3));
        assertEquals(Optional.empty(), SplitArchive.split(archive, 0));
        assertEquals(List.of("jackal-package-web-amd64.tar.zst"), Trees.listing(temp));
    }

    @Test
    void moreThan999PartsIsAnError() throws IOException {
        Path big = temp.resolve("big.tar.zst");
        try (RandomAccessFile sparse = new RandomAccessFile(big.toFile(), "rw")) {
            sparse.setLength(999_000_001L);
        }
        SplitArchiveException e = assertThrows(SplitArchiveException.class, () -> SplitArchive.split(big, 1));
        assertTrue(e.getMessage().contains("1000 parts"), e.getMessage());
        assertTrue(Files.exists(big));
        assertEquals(List.of("big.tar.zst", "jackal-package-web-amd64.tar.zst"), Trees.listing(temp));
    }

    @Test
    void metadataKeysAreReadInAnyCase() throws IOException {
        Path part000 = SplitArchive.split(archive, 1).orElseThrow();
        Files.writeString(part000, "{\"Sha256Sum\":\"" + sha256 + "\",\"Bytes\":2500000,\"Count\":3,\"Extra\":1}");
        assertArrayEquals(original, read(part000, Optional.empty()));
    }

    @Test
    void aWrongExpectedShasumIsRefusedBeforeReading() throws IOException {
        Path part000 = SplitArchive.split(archive, 1).orElseThrow();
        assertThrows(SplitArchiveException.class, () -> SplitArchive.open(part000, Optional.of("0".repeat(64))));
        assertEquals(4, Trees.listing(temp).size());
    }

    @Test
    void aMissingPartIsNamedInTheCount() throws IOException {
        Path part000 = SplitArchive.split(archive, 1).orElseThrow();
        Files.delete(SplitArchive.partPath(archive, 2));
        SplitArchiveException e =
                assertThrows(SplitArchiveException.class, () -> SplitArchive.open(part000, Optional.empty()));
        assertTrue(e.getMessage().contains("lists 3 parts but 2 are present"), e.getMessage());
    }

    @Test
    void aCorruptedPartFailsTheShasumAndKeepsTheParts() throws IOException {
        Path part000 = SplitArchive.split(archive, 1).orElseThrow();
        Path part2 = SplitArchive.partPath(archive, 2);
        byte[] bytes = Files.readAllBytes(part2);
        bytes[10] ^= 0x40;
        Files.write(part2, bytes);
        SplitArchiveException e = assertThrows(SplitArchiveException.class, () -> read(part000, Optional.empty()));
        assertTrue(e.getMessage().contains("sha256"), e.getMessage());
        assertEquals(4, Trees.listing(temp).size());
    }
}
