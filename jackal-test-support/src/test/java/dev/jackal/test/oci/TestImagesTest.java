package dev.jackal.test.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackal.test.registry.OciRegistry;
import dev.jackal.test.registry.RegistryExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The fixture generator's images, as the real registry and skopeo see them. */
class TestImagesTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.plain();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Skopeo skopeo = Skopeo.find();

    @TempDir
    Path work;

    private OciRegistry registry() {
        return REGISTRY.registry();
    }

    @Test
    void chosenLayerCountAndSizes() throws Exception {
        TestImage image = TestImages.builder().layers(3).layerSize(200_000).push(skopeo, registry(), "fx/layers", work);
        JsonNode manifest = JSON.readTree(skopeo.inspectRaw(registry(), "fx/layers:1.0"));
        assertEquals(
                "application/vnd.oci.image.manifest.v1+json",
                manifest.get("mediaType").asText());
        assertEquals(3, manifest.get("layers").size());
        assertEquals(image.layerDigests().size(), 3);
        for (JsonNode layer : manifest.get("layers")) {
            long size = layer.get("size").asLong();
            assertTrue(size > 200_000, "random content must not compress: " + size);
        }
    }

    @Test
    void compressibleContentCompresses() throws Exception {
        TestImage image = TestImages.builder()
                .layerSize(1_000_000)
                .content(TestImages.Content.COMPRESSIBLE)
                .writeLayout(work.resolve("compressible"));
        long size = Files.size(work.resolve(
                "compressible/blobs/sha256/" + image.layerDigests().get(0).substring(7)));
        assertTrue(size < 200_000, "compressible layer is " + size + " bytes");
    }

    @Test
    void dockerV2ManifestIsPushedByteForByte() throws Exception {
        TestImage image =
                TestImages.builder().format(TestImages.Format.DOCKER_V2).push(skopeo, registry(), "fx/docker", work);
        String raw = skopeo.inspectRaw(registry(), "fx/docker:1.0");
        assertEquals(image.digest(), sha256(raw));
        assertEquals(
                "application/vnd.docker.distribution.manifest.v2+json",
                JSON.readTree(raw).get("mediaType").asText());
    }

    @Test
    void multiPlatformOciIndex() throws Exception {
        TestImage image =
                TestImages.builder().platforms("linux/amd64", "linux/arm64").push(skopeo, registry(), "fx/multi", work);
        assertTrue(image.isIndex());
        String raw = skopeo.inspectRaw(registry(), "fx/multi:1.0");
        assertEquals(image.digest(), sha256(raw));
        JsonNode index = JSON.readTree(raw);
        assertEquals(
                "application/vnd.oci.image.index.v1+json",
                index.get("mediaType").asText());
        assertEquals(
                List.of("amd64", "arm64"),
                List.of(
                        index.get("manifests")
                                .get(0)
                                .get("platform")
                                .get("architecture")
                                .asText(),
                        index.get("manifests")
                                .get(1)
                                .get("platform")
                                .get("architecture")
                                .asText()));
        for (String manifest : image.manifestDigests()) {
            assertEquals(manifest, sha256(skopeo.inspectRaw(registry(), "fx/multi@" + manifest)));
        }
        assertNotEquals(image.manifestDigests().get(0), image.manifestDigests().get(1));
    }

    @Test
    void dockerManifestList() throws Exception {
        TestImage image = TestImages.builder()
                .format(TestImages.Format.DOCKER_V2)
                .platforms("linux/amd64", "linux/arm64/v8")
                .push(skopeo, registry(), "fx/list", work);
        String raw = skopeo.inspectRaw(registry(), "fx/list:1.0");
        assertEquals(image.digest(), sha256(raw));
        assertEquals(
                "application/vnd.docker.distribution.manifest.list.v2+json",
                JSON.readTree(raw).get("mediaType").asText());
    }

    @Test
    void sameSeedSameDigestsOtherSeedOtherDigests() {
        TestImage a = TestImages.builder().seed(42).writeLayout(work.resolve("a"));
        TestImage b = TestImages.builder().seed(42).writeLayout(work.resolve("b"));
        TestImage c = TestImages.builder().seed(43).writeLayout(work.resolve("c"));
        assertEquals(a.digest(), b.digest());
        assertNotEquals(a.digest(), c.digest());
    }

    @Test
    void sameSeedSameDigestsInOtherJvms() throws Exception {
        // Some JDK collections (Map.of) change their iteration order from one JVM to the next; the examples'
        // quick start pushes images made in one JVM and checks them in another.
        String here =
                TestImages.builder().seed(42).writeLayout(work.resolve("here")).digest();
        for (int run = 0; run < 6; run++) { // each JVM orders Map.of at random: 6 runs miss a regression 1 time in 64
            Path layout = work.resolve("jvm-" + run);
            Process process = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            SeededLayout.class.getName(),
                            layout.toString())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(0, process.waitFor(), out);
            assertEquals(here, out, "digest from JVM " + run);
        }
    }

    /** Writes the seed-42 image into the layout named by the argument and prints its digest. */
    public static final class SeededLayout {
        public static void main(String[] args) {
            System.out.println(
                    TestImages.builder().seed(42).writeLayout(Path.of(args[0])).digest());
        }
    }

    private static String sha256(String raw) throws Exception {
        return "sha256:"
                + HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8)));
    }
}
