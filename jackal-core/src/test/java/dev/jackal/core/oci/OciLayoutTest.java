package dev.jackal.core.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutTest {

    @TempDir
    Path dir;

    static ManifestContent manifest(String configDigest) {
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{"
                + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":2},\"layers\":[]}";
        return ManifestContent.of(json.getBytes(StandardCharsets.UTF_8), null, "test");
    }

    @Test
    void createsAValidEmptyLayout() throws Exception {
        OciLayout layout = OciLayout.create(dir.resolve("l"));
        assertEquals(
                "{\"imageLayoutVersion\":\"1.0.0\"}",
                Files.readString(dir.resolve("l").resolve("oci-layout")));
        assertEquals(
                "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[]}",
                Files.readString(dir.resolve("l").resolve("index.json")));
        assertEquals(List.of(), layout.entries());
        assertTrue(Files.isDirectory(dir.resolve("l/blobs/sha256")));
    }

    @Test
    void refusesADirectoryThatIsNoLayout() {
        OciLayoutException e = assertThrows(OciLayoutException.class, () -> OciLayout.open(dir));
        assertTrue(e.getMessage().contains("not an OCI image layout"), e.getMessage());
    }

    @Test
    void namesEntriesByReferenceAndReplacesThem() throws Exception {
        OciLayout layout = OciLayout.create(dir.resolve("l"));
        ImageReference nginx = ImageReference.parse("nginx:1.25");
        ManifestContent first =
                manifest(Digest.sha256("{}".getBytes(StandardCharsets.UTF_8)).toString());
        ManifestContent second =
                manifest(Digest.sha256("[]".getBytes(StandardCharsets.UTF_8)).toString());

        layout.pushManifest(nginx, first);
        layout.pushManifest(ImageReference.parse("src.example/x/y:2"), first);
        layout.pushManifest(nginx, second);

        List<Descriptor> entries = OciLayout.open(dir.resolve("l")).entries();
        assertEquals(2, entries.size());
        assertEquals(second.digest(), entries.get(0).digest(), "replaced in place");
        assertEquals(
                "docker.io/library/nginx:1.25", entries.get(0).annotations().get(Descriptor.BASE_NAME));
        assertEquals(List.of("1.25"), layout.tags(nginx));
        assertEquals(second.digest(), layout.manifest(nginx).digest());
        assertTrue(layout.hasBlob(first.digest()));
    }

    @Test
    void findsLegacyNamesWithoutTheRegistry() {
        OciLayout layout = OciLayout.create(dir.resolve("l"));
        ManifestContent m = manifest(Digest.sha256(new byte[0]).toString());
        layout.write(m);
        layout.addEntry(m.descriptor().withAnnotation(Descriptor.BASE_NAME, "library/nginx:1.25"));
        assertEquals(
                m.digest(), layout.resolve(ImageReference.parse("nginx:1.25")).digest());
        layout.addEntry(m.descriptor().withAnnotation(Descriptor.BASE_NAME, "busybox:1"));
        assertEquals(
                m.digest(),
                layout.resolve(ImageReference.parse("docker.io/library/busybox:1"))
                        .digest());
        assertThrows(ImageNotFoundException.class, () -> layout.resolve(ImageReference.parse("nginx:1.26")));
        assertEquals(
                m.digest(),
                layout.manifest(ImageReference.parse("any/name@" + m.digest())).digest());
    }

    @Test
    void blobsAreVerifiedWhenStored() throws Exception {
        OciLayout layout = OciLayout.create(dir.resolve("l"));
        Path source = Files.writeString(dir.resolve("blob"), "hello");
        Digest digest = Digest.sha256("hello".getBytes(StandardCharsets.UTF_8));
        ImageReference repo = ImageReference.parse("registry.example/app:1");

        assertThrows(
                DigestMismatchException.class,
                () -> layout.pushBlob(repo, Descriptor.of("a/b", Digest.sha256(new byte[1]), 5), source));
        assertThrows(
                DigestMismatchException.class, () -> layout.pushBlob(repo, Descriptor.of("a/b", digest, 4), source));
        try (var files = Files.list(dir.resolve("l/blobs/sha256"))) {
            assertEquals(0, files.count(), "no partial or wrong blob left behind");
        }

        layout.pushBlob(repo, Descriptor.of("a/b", digest, 5), source);
        assertTrue(layout.blobExists(repo, digest));
        Path copy = dir.resolve("copy");
        layout.fetchBlob(repo, Descriptor.of("a/b", digest, 5), copy);
        assertEquals("hello", Files.readString(copy));
        assertFalse(layout.hasBlob(Digest.sha256(new byte[2])));
    }
}
