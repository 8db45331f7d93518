package dev.jackal.core.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-archive corpus: each archive is built here with commons-compress, each must be refused
 * with the bad entry named, and nothing may appear outside the destination.
 */
class SafeExtractorTest {

    @TempDir
    Path work;

    private Path archive;
    private Path destination;

    @BeforeEach
    void layout() throws IOException {
        archive = work.resolve("hostile.tar");
        destination = Files.createDirectories(work.resolve("a/b/dest"));
        Files.createDirectories(work.resolve("a/outside"));
    }

    @AfterEach
    void nothingOutsideTheDestination() throws IOException {
        for (String path : Trees.listing(work)) {
            boolean allowed = path.equals(archive.getFileName().toString())
                    || List.of("a", "a/b", "a/outside").contains(path)
                    || work.resolve(path).startsWith(destination);
            assertTrue(allowed, "written outside the destination: " + path);
        }
        assertEquals(List.of(), Trees.listing(work.resolve("a/outside")));
    }

    @Test
    void pathTraversal() throws IOException {
        try (TarBuilder tar = TarBuilder.tar(archive)) {
            tar.file("ok.txt", "fine").file("../evil", "escaped");
        }
        assertRefused("../evil", "..");
    }

    @Test
    void pathTraversalInTheMiddle() throws IOException {
        try (TarBuilder tar = TarBuilder.tar(archive)) {
            tar.file("x/../../../outside/evil", "escaped");
        }
        assertRefused("x/../../../outside/evil", "..");
    }

    @Test
    void absolutePath() throws IOException {
        try (TarBuilder tar = TarBuilder.tar(archive)) {
            tar.file("/etc/x", "escaped");
        }
        assertRefused("/etc/x", "absolute");
    }

    @Test
    void symlinkEscapingThenAFileWrittenThroughIt() throws IOException {
        try (TarBuilder tar = TarBuilder.tar(archive)) {
            tar.symlink("link", "../../outside").file("link/evil", "escaped");
        }
        assertRefused("link", "leaves the destination");
        assertFalse(Files.exists(destination.resolve("link"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void absoluteSymlinkTarget() throws IOException {
        try (TarBuilder tar = TarBuilder.tar(archive)) {
            tar.symlink("passwd", "/etc/passwd");
        }
        assertRefused("passwd", "leaves the destination");
    }

    @Test
    void fileWrittenThroughASymlinkInsideTheDestination() throws IOException {
        try (TarBuilder tar = TarBuilder.tar(archive)) {
            tar.directory("sub").symlink("inner", "sub").file("inner/evil", "through the link");
        }
        assertRefused("inner/evil", "through the symbolic link");
        assertEquals(List.of(), Trees.listing(destination.resolve("sub")));
    }

    @Test
    void symlinkChainThatOnlyEscapesOnDisk() throws IOException {
        // lexically sub/up/.. is sub, but up points at the root, so up/.. is the destination's parent
        try (TarBuilder tar = TarBuilder.tar(archive)) {
            tar.directory("sub").symlink("sub/up", "..").symlink("sub/out", "up/..");
        }
        assertRefused("sub/out", "leaves the destination");
    }

    @Test
    void symlinkThatEscapesOnceALaterLinkExists() throws IOException {
        try (TarBuilder tar = TarBuilder.tar(archive)) {
            tar.directory("a").symlink("l", "a/b/../..").symlink("a/b", ".");
        }
        assertRefused("l", "leaves the destination");
    }

    @Test
    void hardLinkToEtcPasswd() throws IOException {
        try (TarBuilder tar = TarBuilder.tar(archive)) {
            tar.hardLink("passwd", "/etc/passwd");
        }
        assertRefused("passwd", "hard links");
    }

    @Test
    void hardLinkInsideTheArchive() throws IOException {
        try (TarBuilder tar = TarBuilder.tar(archive)) {
            tar.file("real", "content").hardLink("copy", "real");
        }
        assertRefused("copy", "hard links");
    }

    @Test
    void characterDevice() throws IOException {
        try (TarBuilder tar = TarBuilder.tar(archive)) {
            tar.special("null", TarConstants.LF_CHR);
        }
        assertRefused("null", "device");
    }

    @Test
    void blockDevice() throws IOException {
        try (TarBuilder tar = TarBuilder.tar(archive)) {
            tar.special("sda", TarConstants.LF_BLK);
        }
        assertRefused("sda", "device");
    }

    @Test
    void fifo() throws IOException {
        try (TarBuilder tar = TarBuilder.tar(archive)) {
            tar.special("pipe", TarConstants.LF_FIFO);
        }
        assertRefused("pipe", "FIFO");
    }

    @Test
    void oversizedEntryHeader() throws IOException {
        TarBuilder.headerOnly(archive, "huge.bin", 100L << 30, TarConstants.LF_NORMAL);
        assertRefused("huge.bin", "over the limit");
    }

    @Test
    void entryOverAConfiguredLimit() throws IOException {
        try (TarBuilder tar = TarBuilder.tar(archive)) {
            tar.file("small", "x").file("big", "y".repeat(2000));
        }
        UnsafeEntryException e = assertThrows(
                UnsafeEntryException.class,
                () -> SafeExtractor.extract(
                        archive, destination, ExtractOptions.defaults().withMaxEntrySize(1000)));
        assertEquals("big", e.entry());
    }

    @Test
    void tooManyEntries() throws IOException {
        try (TarBuilder tar = TarBuilder.tar(archive)) {
            for (int i = 0; i < 5; i++) {
                tar.file("f" + i, "x");
            }
        }
        UnsafeEntryException e = assertThrows(
                UnsafeEntryException.class,
                () -> SafeExtractor.extract(
                        archive, destination, ExtractOptions.defaults().withMaxEntries(3)));
        assertEquals("f3", e.entry());
        assertTrue(e.getMessage().contains("more than 3 entries"), e.getMessage());
    }

    @Test
    void aSecondFileWithTheSameNameMayNotReplaceTheFirst() throws IOException {
        try (TarBuilder tar = TarBuilder.tar(archive)) {
            tar.file("config", "good").file("config", "evil");
        }
        assertRefused("config", "replace");
        assertEquals("good", Files.readString(destination.resolve("config")));
    }

    @Test
    void aSymlinkMayNotReplaceAnEarlierFile() throws IOException {
        try (TarBuilder tar = TarBuilder.tar(archive)) {
            tar.file("config", "good").symlink("config", "other");
        }
        assertRefused("config", "replace");
    }

    @Test
    void traversalInsideAZstdArchive() throws IOException {
        archive = work.resolve("hostile.tar.zst");
        try (TarBuilder tar = TarBuilder.tarZst(archive)) {
            tar.file("../../outside/evil", "escaped");
        }
        assertRefused("../../outside/evil", "..");
    }

    @Test
    void aTruncatedZstdArchiveFailsNamingTheEntry() throws IOException {
        archive = work.resolve("truncated.tar.zst");
        try (TarBuilder tar = TarBuilder.tarZst(archive)) {
            byte[] noise = new byte[1 << 20];
            new java.util.Random(3).nextBytes(noise);
            tar.file("big.bin", java.util.Base64.getEncoder().encodeToString(noise));
        }
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(
                IOException.class, () -> SafeExtractor.extract(archive, destination, ExtractOptions.defaults()));
        assertTrue(e.getMessage().contains("big.bin") && e.getMessage().contains(archive.toString()), e.getMessage());
        assertFalse(Files.exists(destination.resolve("big.bin")), "a partial file was left behind");
    }

    @Test
    void aPaxHeaderClaimingGigabytesIsNotReadIntoMemory() throws IOException {
        TarBuilder.headerOnly(archive, "./PaxHeaders/evil", 10L << 30, (byte) 'x');
        IOException e = assertThrows(
                IOException.class, () -> SafeExtractor.extract(archive, destination, ExtractOptions.defaults()));
        assertTrue(e.getMessage().contains(archive.toString()), e.getMessage());
    }

    @Test
    void aBenignArchiveIsExtractedWithLinksAndModes() throws IOException {
        try (TarBuilder tar = TarBuilder.tar(archive)) {
            tar.directory("./")
                    .directory("web")
                    .file("web/files/0/run.sh", "#!/bin/sh\n")
                    .symlink("web/current", "files/0/run.sh")
                    .symlink("web/files/up", "../current");
        }
        ExtractResult result = SafeExtractor.extract(archive, destination, ExtractOptions.defaults());
        assertEquals(5, result.entriesRead());
        assertEquals("#!/bin/sh\n", Files.readString(destination.resolve("web/current")));
        assertEquals(Path.of("../current"), Files.readSymbolicLink(destination.resolve("web/files/up")));
    }

    @Test
    void aFilterExtractsOnlyTheSelectedEntries() throws IOException {
        try (TarBuilder tar = TarBuilder.tar(archive)) {
            tar.file("jackal.yaml", "kind: JackalPackageConfig\n")
                    .directory("components")
                    .file("components/web.tar", "web")
                    .file("components/db.tar", "db");
        }
        ExtractResult result = SafeExtractor.extract(
                archive, destination, ExtractOptions.defaults().only(List.of("components/web.tar")));
        assertEquals(1, result.entriesWritten());
        assertEquals(List.of("components", "components/web.tar"), Trees.listing(destination));
    }

    private void assertRefused(String entry, String reasonFragment) {
        UnsafeEntryException e = assertThrows(
                UnsafeEntryException.class,
                () -> SafeExtractor.extract(archive, destination, ExtractOptions.defaults()));
        assertEquals(entry, e.entry(), e.getMessage());
        assertEquals(archive, e.archive());
        assertTrue(e.reason().contains(reasonFragment), e.getMessage());
        assertTrue(e.getMessage().contains(entry) && e.getMessage().contains(archive.toString()), e.getMessage());
    }
}
