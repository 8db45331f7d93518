package dev.jackal.test.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.oci.TestImage;
import dev.jackal.test.oci.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every registry variant must do; each variant's test class extends this. */
abstract class RegistryContract {

    static final ObjectMapper JSON = new ObjectMapper();
    final Skopeo skopeo = Skopeo.find();

    @TempDir
    Path work;

    abstract OciRegistry registry();

    @Test
    void pushAndPullKeepTheDigest() throws Exception {
        TestImage image =
                TestImages.builder().layers(2).layerSize(300_000).push(skopeo, registry(), "jackal/hello", work);

        assertTrue(skopeo.listTags(registry(), "jackal/hello").contains("\"1.0\""));
        String raw = skopeo.inspectRaw(registry(), "jackal/hello:1.0");
        assertEquals(image.digest(), sha256(raw.getBytes(StandardCharsets.UTF_8)));
        assertEquals(image.digest(), sha256(Files.readAllBytes(blob(image.layout(), image.digest()))));

        Path out = work.resolve("pulled");
        skopeo.copyFrom(registry(), "jackal/hello:1.0", "oci:" + out + ":1.0", List.of("--preserve-digests"));
        JsonNode index = JSON.readTree(out.resolve("index.json").toFile());
        assertEquals(image.digest(), index.get("manifests").get(0).get("digest").asText());
        for (String layer : image.layerDigests()) {
            assertEquals(layer, sha256(Files.readAllBytes(blob(out, layer))));
        }
    }

    @Test
    void pullByDigestServesTheSameBytes() throws Exception {
        TestImage image = TestImages.builder().seed(7).tag("by-digest").push(skopeo, registry(), "jackal/digest", work);
        String raw = skopeo.inspectRaw(registry(), "jackal/digest@" + image.digest());
        assertEquals(image.digest(), sha256(raw.getBytes(StandardCharsets.UTF_8)));
    }

    static Path blob(Path layout, String digest) {
        return layout.resolve("blobs").resolve("sha256").resolve(digest.substring("sha256:".length()));
    }

    static String sha256(byte[] bytes) throws Exception {
        return "sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
