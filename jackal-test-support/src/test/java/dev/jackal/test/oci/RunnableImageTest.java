package dev.jackal.test.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-written runnable images: reproducible, with busybox's applets and the given command. */
class RunnableImageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void sameFilesSameDigestOtherFilesOtherDigest() {
        TestImage a = RunnableImage.busybox().text("/m", "x").writeLayout(work.resolve("a"), "1");
        TestImage b = RunnableImage.busybox().text("/m", "x").writeLayout(work.resolve("b"), "1");
        TestImage c = RunnableImage.busybox().text("/m", "y").writeLayout(work.resolve("c"), "1");
        assertEquals(a.digest(), b.digest());
        assertNotEquals(a.digest(), c.digest());
    }

    @Test
    void layerHoldsBusyboxItsAppletsAndTheCommandIsSet() throws Exception {
        TestImage image = RunnableImage.busybox()
                .text("/etc/marker", "hello")
                .cmd("cat", "/etc/marker")
                .writeLayout(work.resolve("img"), "1");
        Path blobs = image.layout().resolve("blobs").resolve("sha256");
        JsonNode manifest =
                JSON.readTree(blobs.resolve(image.digest().substring(7)).toFile());
        JsonNode config = JSON.readTree(
                blobs.resolve(manifest.at("/config/digest").asText().substring(7))
                        .toFile());
        assertEquals("[\"cat\",\"/etc/marker\"]", config.at("/config/Cmd").toString());
        assertEquals("amd64", config.get("architecture").asText());

        Map<String, TarArchiveEntry> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(
                        blobs.resolve(manifest.at("/layers/0/digest").asText().substring(7)));
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.put(e.getName(), e);
            }
        }
        assertEquals(
                Files.size(RunnableImage.BUSYBOX), entries.get("bin/busybox").getSize());
        assertEquals(0755, entries.get("bin/busybox").getMode() & 0777);
        assertTrue(entries.get("bin/sh").isSymbolicLink());
        assertEquals("busybox", entries.get("bin/sh").getLinkName());
        assertTrue(entries.get("tmp/").isDirectory());
        assertEquals(0, entries.get("etc/marker").getModTime().getTime());
    }
}
