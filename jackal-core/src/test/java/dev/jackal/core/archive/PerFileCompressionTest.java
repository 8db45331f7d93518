package dev.jackal.core.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.Exec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compression is decided by what each part of a file holds, not by its first bytes: a component tar
 * whose first file is random still has its text compressed, and the package is no larger than the
 * same tree through {@code tar | zstd -3} (what Zarf writes: one zstd stream at the default level).
 */
class PerFileCompressionTest {

    private static final int RANDOM = 4 << 20;
    private static final int TEXT = 4 << 20;

    @TempDir
    Path temp;

    @Test
    void aComponentTarThatStartsRandomStillHasItsTextCompressed() throws IOException {
        Path component = temp.resolve("build/web");
        Trees.random(component, "files/0/blob.bin", RANDOM, 1);
        for (int i = 0; i < 8; i++) {
            Trees.text(component, "manifests/web-" + i + ".yaml", TEXT / 8, 10 + i);
        }
        Path pkg = temp.resolve("pkg");
        Files.createDirectories(pkg.resolve("components"));
        ReproducibleTar.write(component, "web", pkg.resolve("components/web.tar"));
        Trees.write(pkg, "jackal.yaml", "kind: JackalPackageConfig\n");

        Path archive = temp.resolve("pkg.tar.zst");
        ArchiveResult result = PackageArchiver.archive(pkg, archive, ArchiveOptions.defaults());

        assertEquals(0, result.storedFrames(), "the component tar is not stored whole: " + result);
        assertTrue(
                result.archiveBytes() < RANDOM + TEXT / 4,
                "the text is compressed: " + result.archiveBytes() + " bytes for " + result.contentBytes());
        assertAtMostTarZstd(result, pkg);
    }

    @Test
    void aJarIsSampledNotStoredForItsMagic() throws IOException {
        Path pkg = temp.resolve("pkg");
        Path jar = pkg.resolve("components/app.jar");
        Files.createDirectories(jar.getParent());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (int i = 0; i < 64; i++) {
                byte[] text = Files.readAllBytes(Trees.text(temp, "t" + i, 32 * 1024, i));
                ZipEntry entry = new ZipEntry("dev/jackal/Resource" + i + ".properties");
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(text.length);
                CRC32 crc = new CRC32();
                crc.update(text);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(text);
                zip.closeEntry();
            }
        }
        assertEquals(false, new Compressibility().alreadyCompressed(jar));
        Path archive = temp.resolve("pkg.tar.zst");
        ArchiveResult result = PackageArchiver.archive(pkg, archive, ArchiveOptions.defaults());
        assertEquals(0, result.storedFrames(), result.toString());
        assertTrue(result.archiveBytes() < result.contentBytes() / 4, result.toString());
    }

    @Test
    void randomAndGzipFilesAreStillStored() throws IOException {
        Path random = Trees.random(temp, "random", 3 << 20, 5);
        Path gzip = Trees.gzipped(temp, "gzip", 3 << 20, 6);
        assertTrue(new Compressibility().alreadyCompressed(random));
        assertTrue(new Compressibility().alreadyCompressed(gzip));
    }

    /**
     * The archive is no larger than {@code tar -cf - . | zstd -3} of the same tree, the stand-in for Zarf's
     * one zstd stream at the default level, give or take 0.1%: the C zstd CLI and zstd-jni's level 3 differ by
     * about 0.01% on the same bytes.
     */
    private static void assertAtMostTarZstd(ArchiveResult result, Path tree) throws IOException {
        Path zst = tree.resolveSibling(tree.getFileName() + ".tar.zst");
        Exec.run(List.of(
                        "sh",
                        "-c",
                        "tar -cf - -C \"$1\" . | zstd -q -3 -c > \"$2\"",
                        "sh",
                        tree.toString(),
                        zst.toString()))
                .requireSuccess();
        long standard = Files.size(zst);
        assertTrue(
                result.archiveBytes() <= standard * 1.001,
                "jackal: " + result.archiveBytes() + " bytes, tar | zstd -3: " + standard + " bytes");
    }
}
