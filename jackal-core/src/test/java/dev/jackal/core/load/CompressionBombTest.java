package dev.jackal.core.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import dev.jackal.core.event.EventHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package of a few hundred KB whose archive holds an entry that {@code checksums.txt} does not list, of more than a
 * GiB of zeros: the loader refuses it on sight. A watcher samples the temporary directory while the load runs; before,
 * the whole entry was written and only then found unlisted.
 */
class CompressionBombTest {

    @TempDir
    Path work;

    private Path bomb() throws IOException, NoSuchAlgorithmException {
        String checksums = "";
        Path archive = work.resolve("jackal-package-bomb-amd64.tar.zst");
        try (OutputStream file = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new ZstdOutputStream(file, 3))) {
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            add(
                    tar,
                    "jackal.yaml",
                    """
                    kind: JackalPackageConfig
                    metadata:
                      name: bomb
                      aggregateChecksum: %s
                    components:
                      - name: a
                    """
                            .formatted(HexFormat.of()
                                    .formatHex(MessageDigest.getInstance("SHA-256")
                                            .digest(checksums.getBytes(StandardCharsets.UTF_8)))));
            add(tar, "checksums.txt", checksums);
            TarArchiveEntry entry = new TarArchiveEntry("images/blobs/sha256/zeros");
            entry.setSize((1L << 30) + 1);
            tar.putArchiveEntry(entry);
            byte[] chunk = new byte[1 << 20];
            for (long left = entry.getSize(); left > 0; left -= chunk.length) {
                tar.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            tar.closeArchiveEntry();
        }
        return archive;
    }

    private static void add(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static long bytesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | RuntimeException e) {
            return 0; // files come and go while the load runs
        }
    }

    @Test
    void anUnlistedGibIsRefusedWithoutBeingWritten() throws Exception {
        Path archive = bomb();
        assertTrue(Files.size(archive) < 1 << 20, "a small package: " + Files.size(archive));
        Path temp = Files.createDirectories(work.resolve("temp"));
        AtomicLong most = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                most.accumulateAndGet(bytesUnder(temp), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        });
        watcher.start();
        PackageLoadException e;
        try {
            e = assertThrows(PackageLoadException.class, () -> new PackageLoader(EventHandler.NONE, temp)
                    .load(archive, Optional.empty()));
        } finally {
            done.set(true);
            watcher.join();
        }
        assertEquals(
                archive.getFileName() + " failed verification: images/blobs/sha256/zeros is in the package but not in"
                        + " checksums.txt; it was refused before it was extracted",
                e.getMessage());
        assertTrue(most.get() < 4 << 20, "at most a few MB were ever written, not " + most.get());
        try (Stream<Path> left = Files.list(temp)) {
            assertEquals(0, left.count());
        }
    }
}
