package dev.jackal.core.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.oci.OciTars.Entry;
import dev.jackal.core.oci.OciTars.JibStyle;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link OciArchive}: an OCI image layout packed as a tar, read as hostile input. */
class OciArchiveTest {

    static final String REFERENCE = "registry.invalid/acme/app:1.0";

    @TempDir
    Path work;

    JibStyle jib;
    Path unpacked;

    @BeforeEach
    void image() throws Exception {
        jib = OciTars.jibStyle(work, REFERENCE);
        unpacked = work.resolve("unpacked");
    }

    @Test
    void aJibStyleArchiveBecomesALayoutWithTheSameBytes() throws Exception {
        Path tar = OciTars.write(work.resolve("jib-image.tar"), jib.entries());

        OciLayout layout = OciArchive.unpack(tar, unpacked);

        List<Descriptor> entries = layout.entries();
        assertEquals(1, entries.size());
        assertEquals(jib.image().manifest().digest(), entries.get(0).digest());
        assertEquals(REFERENCE, entries.get(0).annotation(Descriptor.REF_NAME).orElseThrow());
        assertEquals(
                jib.image().manifest().digest(),
                layout.findEntry(ImageReference.parse(REFERENCE)).orElseThrow().digest());
        for (Entry entry : jib.entries()) {
            assertArrayEquals(entry.content(), Files.readAllBytes(unpacked.resolve(entry.name())), entry.name());
        }
    }

    @Test
    void leadingDotSlashAndDirectoryEntriesAreAccepted() throws Exception {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry("./", new byte[0], TarConstants.LF_DIR, null));
        entries.add(new Entry("./blobs/", new byte[0], TarConstants.LF_DIR, null));
        entries.add(new Entry("./blobs/sha256/", new byte[0], TarConstants.LF_DIR, null));
        for (Entry entry : jib.entries()) {
            entries.add(Entry.file("./" + entry.name(), entry.content()));
        }
        OciLayout layout = OciArchive.unpack(OciTars.write(work.resolve("dots.tar"), entries), unpacked);
        assertEquals(jib.image().manifest().digest(), layout.entries().get(0).digest());
    }

    @Test
    void aNameThatClimbsOutIsRefusedAndNothingIsWrittenOutside() throws Exception {
        Path tar = OciTars.write(work.resolve("evil.tar"), jib.with(Entry.file("blobs/../../escaped", "x")));
        ImageArchiveException e = assertThrows(ImageArchiveException.class, () -> OciArchive.unpack(tar, unpacked));
        assertTrue(
                e.getMessage().contains("'blobs/../../escaped'")
                        && e.getMessage().contains("'..'"),
                e.getMessage());
        assertTrue(e.getMessage().contains(tar.toString()), e.getMessage());
        assertFalse(Files.exists(work.resolve("escaped")));
        assertFalse(Files.exists(unpacked.getParent().getParent().resolve("escaped")));
    }

    @Test
    void anAbsoluteNameIsRefused() throws Exception {
        Path tar = OciTars.write(work.resolve("abs.tar"), jib.with(Entry.file("/etc/passwd-jackal", "x")));
        ImageArchiveException e = assertThrows(ImageArchiveException.class, () -> OciArchive.unpack(tar, unpacked));
        assertTrue(e.getMessage().contains("absolute"), e.getMessage());
    }

    @Test
    void linksAreRefused() throws Exception {
        String hex = jib.image().config().digest().hex();
        Path symlink = OciTars.write(
                work.resolve("symlink.tar"),
                jib.with(new Entry("blobs/sha256/" + "0".repeat(64), new byte[0], TarConstants.LF_SYMLINK, "/etc")));
        ImageArchiveException e = assertThrows(ImageArchiveException.class, () -> OciArchive.unpack(symlink, unpacked));
        assertTrue(e.getMessage().contains("a symbolic link (to '/etc')"), e.getMessage());

        Path hardlink = OciTars.write(
                work.resolve("hardlink.tar"),
                jib.with(new Entry("index.json", new byte[0], TarConstants.LF_LINK, "blobs/sha256/" + hex)));
        e = assertThrows(ImageArchiveException.class, () -> OciArchive.unpack(hardlink, work.resolve("u2")));
        assertTrue(e.getMessage().contains("a hard link"), e.getMessage());
    }

    @Test
    void aFileOutsideTheLayoutGrammarIsRefused() throws Exception {
        Path tar = OciTars.write(work.resolve("extra.tar"), jib.with(Entry.file("notes.txt", "hi")));
        ImageArchiveException e = assertThrows(ImageArchiveException.class, () -> OciArchive.unpack(tar, unpacked));
        assertTrue(e.getMessage().contains("'notes.txt'"), e.getMessage());
        assertTrue(e.getMessage().contains("only oci-layout, index.json and blobs/sha256/"), e.getMessage());
    }

    @Test
    void aDockerFormatArchiveSaysToBuildTheOciFormat() throws Exception {
        // Jib's default format: layers as <hex>.tar.gz, then config.json and manifest.json
        String layerHex = jib.image().layers().get(0).digest().hex();
        Path tar = OciTars.write(
                work.resolve("docker.tar"),
                List.of(Entry.file(layerHex + ".tar.gz", "layer"), Entry.file("manifest.json", "[]")));
        ImageArchiveException e = assertThrows(ImageArchiveException.class, () -> OciArchive.unpack(tar, unpacked));
        assertTrue(e.getMessage().contains("<container><format>OCI</format></container>"), e.getMessage());
    }

    @Test
    void aBlobWhoseContentIsNotItsNameIsRefused() throws Exception {
        String layerHex = jib.image().layers().get(0).digest().hex();
        List<Entry> entries = new ArrayList<>(jib.without("blobs/sha256/" + layerHex));
        entries.add(0, Entry.file("blobs/sha256/" + layerHex, "not the layer"));
        Path tar = OciTars.write(work.resolve("tampered.tar"), entries);

        DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> OciArchive.unpack(tar, unpacked));
        assertEquals(Digest.ofHex(layerHex), e.expected());
        assertTrue(e.getMessage().contains(tar.toString()), e.getMessage());
        assertFalse(Files.exists(unpacked.resolve("blobs/sha256/" + layerHex)), "a bad blob is never kept");
    }

    @Test
    void aMissingLayerIsNamed() throws Exception {
        String layerHex = jib.image().layers().get(0).digest().hex();
        Path tar = OciTars.write(work.resolve("incomplete.tar"), jib.without("blobs/sha256/" + layerHex));
        ImageArchiveException e = assertThrows(ImageArchiveException.class, () -> OciArchive.unpack(tar, unpacked));
        assertTrue(e.getMessage().contains("holds no blobs/sha256/" + layerHex), e.getMessage());
    }

    @Test
    void anArchiveWithoutIndexIsNoLayout() throws Exception {
        Path tar = OciTars.write(work.resolve("noindex.tar"), jib.without("index.json"));
        ImageArchiveException e = assertThrows(ImageArchiveException.class, () -> OciArchive.unpack(tar, unpacked));
        assertTrue(e.getMessage().contains("has no index.json"), e.getMessage());
    }

    @Test
    void aDuplicateEntryIsRefused() throws Exception {
        Path tar = OciTars.write(work.resolve("twice.tar"), jib.with(Entry.file("index.json", "{}")));
        ImageArchiveException e = assertThrows(ImageArchiveException.class, () -> OciArchive.unpack(tar, unpacked));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    }

    @Test
    void anOversizedIndexIsRefusedFromItsHeader() throws Exception {
        byte[] big = new byte[ManifestContent.MAX_SIZE + 1];
        List<Entry> entries = new ArrayList<>(jib.without("index.json"));
        entries.add(Entry.file("index.json", big));
        Path tar = OciTars.write(work.resolve("big.tar"), entries);
        ImageArchiveException e = assertThrows(ImageArchiveException.class, () -> OciArchive.unpack(tar, unpacked));
        assertTrue(e.getMessage().contains("over the limit"), e.getMessage());
    }

    @Test
    void aCompressedArchiveIsNamedAsSuch() throws Exception {
        Path plain = OciTars.write(work.resolve("plain.tar"), jib.entries());
        Path gz = work.resolve("image.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        ImageArchiveException e = assertThrows(ImageArchiveException.class, () -> OciArchive.unpack(gz, unpacked));
        assertTrue(e.getMessage().contains("is compressed (gzip)"), e.getMessage());
    }

    @Test
    void garbageIsNotATar() throws Exception {
        Path junk = Files.write(
                work.resolve("junk.tar"),
                "this is no tar at all, just text".repeat(40).getBytes());
        ImageArchiveException e = assertThrows(ImageArchiveException.class, () -> OciArchive.unpack(junk, unpacked));
        assertTrue(e.getMessage().contains(junk.toString()), e.getMessage());
        try (Stream<Path> files = Files.exists(unpacked) ? Files.walk(unpacked) : Stream.empty()) {
            assertTrue(files.noneMatch(Files::isRegularFile));
        }
    }
}
