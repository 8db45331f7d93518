package dev.jackal.core.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.Exec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageArchiverTest {

    @TempDir
    Path temp;

    private Path pkg;
    private String aggregate;

    @BeforeEach
    void packageDirectory() throws IOException {
        pkg = temp.resolve("pkg");
        Path component = temp.resolve("build/web");
        Trees.text(component, "manifests/web-0.yaml", 200_000, 1);
        Files.createDirectories(pkg.resolve("components"));
        ReproducibleTar.write(component, "web", pkg.resolve("components/web.tar"));
        Trees.write(pkg, "images/oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}");
        Trees.write(pkg, "images/index.json", "{\"manifests\":[]}");
        Trees.gzipped(pkg, "images/blobs/sha256/1111-gzip-layer", 3 << 20, 2);
        Trees.text(pkg, "images/blobs/sha256/2222-plain-layer", 3 << 20, 3);
        Trees.random(pkg, "images/blobs/sha256/3333-random-layer", 2 << 20, 4);
        Trees.gzipped(pkg, "images/blobs/sha256/4444-small-gzip", 100_000, 5);
        Trees.write(pkg, "images/blobs/sha256/5555-config", "{\"architecture\":\"amd64\"}");
        Trees.write(pkg, "sboms.tar", "sbom");
        aggregate = Checksums.write(pkg);
        Trees.write(pkg, "jackal.yaml", "kind: JackalPackageConfig\nmetadata:\n  aggregateChecksum: " + aggregate);
    }

    @Test
    void compressesTextAndStoresWhatIsAlreadyCompressed() throws IOException {
        Path archive = temp.resolve("jackal-package-web-amd64.tar.zst");
        ArchiveResult result = PackageArchiver.archive(pkg, archive, ArchiveOptions.defaults());

        assertEquals(archive, result.archive());
        assertEquals(2, result.compressedFrames(), result.toString());
        assertEquals(1, result.storedFrames(), result.toString());
        assertTrue(result.archiveBytes() < result.contentBytes() * 0.75, result.toString());
        Exec.run(List.of("zstd", "-q", "-t", archive.toString())).requireSuccess();
        assertEquals(
                List.of(
                        "jackal.yaml",
                        "checksums.txt",
                        "images/blobs/sha256/1111-gzip-layer",
                        "images/blobs/sha256/3333-random-layer",
                        "components/",
                        "components/web.tar",
                        "images/"),
                Exec.run(List.of("tar", "--zstd", "-tf", archive.toString()))
                        .requireSuccess()
                        .stdout()
                        .lines()
                        .limit(7)
                        .toList());
        String frames = Exec.run(List.of("zstd", "-lv", archive.toString()))
                .requireSuccess()
                .stdout();
        assertTrue(frames.contains("# Zstandard Frames: 3"), frames);
    }

    @Test
    void theSerialisedPathWritesTheSameBytes() throws IOException {
        PackageArchiver.archive(pkg, temp.resolve("parallel.tar.zst"), ArchiveOptions.defaults());
        System.setProperty("jackal.serialize", "true");
        try {
            PackageArchiver.archive(pkg, temp.resolve("serial.tar.zst"), ArchiveOptions.defaults());
        } finally {
            System.clearProperty("jackal.serialize");
        }
        assertArrayEquals(
                Files.readAllBytes(temp.resolve("parallel.tar.zst")),
                Files.readAllBytes(temp.resolve("serial.tar.zst")));
    }

    @Test
    void aPackageWithNothingAlreadyCompressedHasNoStoredFrame() throws IOException {
        Path plain = temp.resolve("plain");
        Trees.text(plain, "components/web.tar", 2 << 20, 9);
        ArchiveResult result = PackageArchiver.archive(plain, temp.resolve("plain.tar.zst"), ArchiveOptions.defaults());
        assertEquals(1, result.compressedFrames());
        assertEquals(0, result.storedFrames());
        Path out = temp.resolve("plain-out");
        SafeExtractor.extract(result.archive(), out, ExtractOptions.defaults());
        assertEquals(
                Files.readString(plain.resolve("components/web.tar")),
                Files.readString(out.resolve("components/web.tar")));
    }

    @Test
    void theArchiveGetsDefaultPermissionsNotThoseOfATempFile() throws IOException {
        Path archive = temp.resolve("pkg.tar.zst");
        PackageArchiver.archive(pkg, archive, ArchiveOptions.defaults());
        Path fresh = Files.createFile(temp.resolve("fresh"));
        assertEquals(Files.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(archive));
    }

    @Test
    void gnuTarExtractsWhatVerifiesAgainstTheChecksums() throws IOException {
        Path archive = temp.resolve("pkg.tar.zst");
        PackageArchiver.archive(pkg, archive, ArchiveOptions.defaults().withWorkers(2));
        Path out = Files.createDirectories(temp.resolve("out"));
        Exec.run(List.of("tar", "--zstd", "-xf", archive.toString(), "-C", out.toString()))
                .requireSuccess();
        Checksums.verify(out, aggregate);
        assertEquals(Trees.listing(pkg), Trees.listing(out));
    }

    @Test
    void theSameDirectoryGivesTheSameArchive() throws IOException {
        PackageArchiver.archive(pkg, temp.resolve("one.tar.zst"), ArchiveOptions.defaults());
        PackageArchiver.archive(pkg, temp.resolve("two.tar.zst"), ArchiveOptions.defaults());
        assertArrayEquals(
                Files.readAllBytes(temp.resolve("one.tar.zst")), Files.readAllBytes(temp.resolve("two.tar.zst")));
    }

    @Test
    void uncompressedWritesAPlainTar() throws IOException {
        Path archive = temp.resolve("pkg.tar");
        ArchiveResult result =
                PackageArchiver.archive(pkg, archive, ArchiveOptions.defaults().withUncompressed(true));
        assertEquals(0, result.compressedFrames() + result.storedFrames());
        try (InputStream in = Files.newInputStream(archive)) {
            assertEquals(false, TarInput.isZstd(in.readNBytes(4)));
        }
        String listing = Exec.run(List.of("tar", "-tf", archive.toString()))
                .requireSuccess()
                .stdout();
        assertTrue(listing.startsWith("jackal.yaml\nchecksums.txt\n"), listing);
    }

    @Test
    void compressibilityIsJudgedByContentNotName() throws IOException {
        Compressibility compressibility = new Compressibility();
        assertTrue(compressibility.alreadyCompressed(pkg.resolve("images/blobs/sha256/1111-gzip-layer")));
        assertTrue(compressibility.alreadyCompressed(pkg.resolve("images/blobs/sha256/3333-random-layer")));
        assertEquals(false, compressibility.alreadyCompressed(pkg.resolve("images/blobs/sha256/2222-plain-layer")));
        Path zstd = Trees.text(temp, "looks-like.txt", 10, 1);
        Files.write(zstd, new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0, 0});
        assertTrue(compressibility.alreadyCompressed(zstd));
    }

    @Test
    void theArchiveMayNotGoInsideThePackage() {
        assertThrows(
                IllegalArgumentException.class,
                () -> PackageArchiver.archive(pkg, pkg.resolve("self.tar.zst"), ArchiveOptions.defaults()));
    }

    @Test
    void aPackageHoldsNoSymbolicLinks() throws IOException {
        Files.createSymbolicLink(pkg.resolve("images/latest"), Path.of("index.json"));
        assertThrows(
                FileSystemException.class,
                () -> PackageArchiver.archive(pkg, temp.resolve("pkg.tar.zst"), ArchiveOptions.defaults()));
        assertEquals(
                List.of("build", "pkg"),
                Trees.listing(temp).stream().filter(p -> !p.contains("/")).toList());
    }
}
