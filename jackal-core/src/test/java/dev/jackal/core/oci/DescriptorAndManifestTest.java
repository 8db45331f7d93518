package dev.jackal.core.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescriptorAndManifestTest {

    static final String D1 = "sha256:" + "1".repeat(64);
    static final String D2 = "sha256:" + "2".repeat(64);

    @Test
    void keepsUnknownFieldsAndWritesAFixedOrder() throws Exception {
        String json = "{\"urls\":[\"https://x.example/l\"],\"size\":7,\"digest\":\"" + D1
                + "\",\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"artifactType\":\"a/b\","
                + "\"annotations\":{\"k\":\"v\"},\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\","
                + "\"variant\":\"v8\",\"os.features\":[\"f\"]}}";
        Descriptor d = Descriptor.fromJson(Json.MAPPER.readTree(json), "test");

        assertEquals(7, d.size());
        assertEquals("linux/arm64/v8", d.platform().orElseThrow().toString());
        assertEquals(List.of("f"), d.platform().orElseThrow().osFeatures());
        assertEquals(
                "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + D1 + "\",\"size\":7,"
                        + "\"annotations\":{\"k\":\"v\"},\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\","
                        + "\"os.features\":[\"f\"],\"variant\":\"v8\"},\"urls\":[\"https://x.example/l\"],"
                        + "\"artifactType\":\"a/b\"}",
                Json.MAPPER.writeValueAsString(d.toJson()));
        assertEquals(d, Descriptor.fromJson(d.toJson(), "again"));
        assertEquals("v2", d.withAnnotation("k", "v2").annotations().get("k"));
    }

    @Test
    void refusesBrokenDescriptors() throws Exception {
        for (String json : List.of(
                "{\"digest\":\"" + D1 + "\",\"size\":1}",
                "{\"mediaType\":\"a/b\",\"digest\":\"sha256:nope\",\"size\":1}",
                "{\"mediaType\":\"a/b\",\"digest\":\"" + D1 + "\",\"size\":-1}",
                "[]")) {
            assertThrows(InvalidManifestException.class, () -> Descriptor.fromJson(Json.MAPPER.readTree(json), "t"));
        }
    }

    @Test
    void keepsTheExactBytesOfAManifest() {
        String manifest = "{\n  \"schemaVersion\": 2,\n  \"config\": {\"mediaType\": \"c/t\", \"digest\": \"" + D1
                + "\", \"size\": 3},\n  \"layers\": [{\"mediaType\": \"l/t\", \"digest\": \"" + D2
                + "\", \"size\": 4}]\n}\n";
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
        ManifestContent content = ManifestContent.of(bytes, null, "test");

        assertArrayEquals(bytes, content.bytes());
        assertEquals(Digest.sha256(bytes), content.digest());
        assertEquals(MediaTypes.OCI_MANIFEST, content.mediaType(), "inferred from the shape");
        assertEquals(
                List.of(D1, D2),
                content.blobs().stream().map(b -> b.digest().toString()).toList());
        assertEquals(List.of(), content.manifests());
    }

    @Test
    void theDocumentsOwnMediaTypeWinsOverTheHint() {
        String list = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST_LIST + "\",\"manifests\":[{"
                + "\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"digest\":\"" + D1 + "\",\"size\":5,"
                + "\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";
        ManifestContent content =
                ManifestContent.of(list.getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8", "t");
        assertEquals(MediaTypes.DOCKER_MANIFEST_LIST, content.mediaType());
        assertTrue(content.isIndex());
        assertEquals(
                "amd64", content.manifests().get(0).platform().orElseThrow().architecture());

        String index = "{\"schemaVersion\":2,\"manifests\":[]}";
        assertEquals(
                MediaTypes.OCI_INDEX,
                ManifestContent.of(index.getBytes(StandardCharsets.UTF_8), null, "t")
                        .mediaType());
    }

    @Test
    void verifiesDigestsAndRefusesSchema1() {
        byte[] bytes = "{\"schemaVersion\":2,\"manifests\":[]}".getBytes(StandardCharsets.UTF_8);
        DigestMismatchException e = assertThrows(
                DigestMismatchException.class, () -> ManifestContent.verified(bytes, null, Digest.of(D1), "t"));
        assertEquals(Digest.of(D1), e.expected());
        assertEquals(Digest.sha256(bytes), e.actual());

        InvalidManifestException schema1 = assertThrows(
                InvalidManifestException.class,
                () -> ManifestContent.of(
                        "{\"schemaVersion\":1,\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8), null, "old/app:1"));
        assertTrue(schema1.getMessage().contains("schema 1"), schema1.getMessage());
        assertThrows(
                InvalidManifestException.class,
                () -> ManifestContent.of("not json".getBytes(StandardCharsets.UTF_8), null, "t"));
    }

    @Test
    void platformsMatchByOsArchitectureAndVariant() {
        assertTrue(Platform.linux("arm64").matches(Platform.parse("linux/arm64/v8")));
        assertTrue(!Platform.parse("linux/arm/v7").matches(Platform.parse("linux/arm/v6")));
        assertTrue(!Platform.linux("amd64").matches(Platform.parse("windows/amd64")));
        assertThrows(IllegalArgumentException.class, () -> Platform.parse("linux"));
    }
}
