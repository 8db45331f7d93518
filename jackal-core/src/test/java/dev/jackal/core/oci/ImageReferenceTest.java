package dev.jackal.core.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    static final String DIGEST = "sha256:3fbc632167424a6d997e74f52b878d7cc478225cffac6bc977eedfe51c7f4e79";

    @ParameterizedTest
    @CsvSource({
        "nginx,                                   docker.io/library/nginx:latest",
        "nginx:1.25,                              docker.io/library/nginx:1.25",
        "library/nginx:1.25,                      docker.io/library/nginx:1.25",
        "docker.io/nginx,                         docker.io/library/nginx:latest",
        "index.docker.io/library/nginx:1,         docker.io/library/nginx:1",
        "user/app,                                docker.io/user/app:latest",
        "docker.io/user/app:v1,                   docker.io/user/app:v1",
        "localhost/app,                           localhost/app:latest",
        "localhost:5000/group/app:1.0,            localhost:5000/group/app:1.0",
        "127.0.0.1:5000/jackal/hello:1.0,         127.0.0.1:5000/jackal/hello:1.0",
        "registry.example/a/b/c:v1.2_3-rc,        registry.example/a/b/c:v1.2_3-rc",
        "[::1]:5000/app:1,                        [::1]:5000/app:1",
        "Host/app,                                Host/app:latest",
        "registry.example/my__name/a-b.c:x,       registry.example/my__name/a-b.c:x",
    })
    void normalisesLikeDistribution(String input, String expected) {
        assertEquals(expected, ImageReference.parse(input).toString());
    }

    @Test
    void splitsIntoParts() {
        ImageReference ref = ImageReference.parse("nginx:1.25");
        assertEquals("docker.io", ref.registry());
        assertEquals("library/nginx", ref.repository());
        assertEquals("docker.io/library/nginx", ref.name());
        assertEquals(Optional.of("1.25"), ref.tag());
        assertEquals(Optional.empty(), ref.digest());
        assertEquals("1.25", ref.tagOrDigest());
        assertEquals("library/nginx:1.25", ref.toStringWithoutRegistry());
    }

    @Test
    void keepsADigestAndATagTogetherButPullsByDigest() {
        ImageReference ref = ImageReference.parse("busybox:latest@" + DIGEST);
        assertEquals("docker.io/library/busybox:latest@" + DIGEST, ref.toString());
        assertEquals(DIGEST, ref.tagOrDigest());
        assertEquals(Optional.of(Digest.of(DIGEST)), ref.digest());
    }

    @Test
    void aDigestAloneGetsNoDefaultTag() {
        ImageReference ref = ImageReference.parse("src.example/x/y@" + DIGEST);
        assertEquals("src.example/x/y@" + DIGEST, ref.toString());
        assertEquals(Optional.empty(), ref.tag());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "i am not a ref at all",
                "C:\\Users\\zarf",
                "http://urls.are/not/refs",
                "Nginx",
                "registry.example/App:1",
                "nginx:",
                "nginx:bad tag",
                "nginx:-dash",
                "nginx@sha256:abc",
                "nginx@md5:abc",
                "a//b",
                "-a/b",
                "registry.example/a-/b",
                "registry.example:port/app",
                "3fbc632167424a6d997e74f52b878d7cc478225cffac6bc977eedfe51c7f4e79",
            })
    void rejectsInvalidReferences(String input) {
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> ImageReference.parse(input));
        assertEquals(input, e.value());
        assertTrue(e.getMessage().startsWith("invalid image reference"), e.getMessage());
    }

    @Test
    void rejectsOverlongTagsAndNames() {
        assertThrows(InvalidReferenceException.class, () -> ImageReference.parse("app:" + "t".repeat(129)));
        ImageReference.parse("app:" + "t".repeat(128));
        assertThrows(
                InvalidReferenceException.class, () -> ImageReference.parse("registry.example/" + "a".repeat(250)));
    }

    @Test
    void aNullIsRejectedWithATypedException() {
        assertThrows(InvalidReferenceException.class, () -> ImageReference.parse(null));
    }

    @Test
    void movesToAnotherRegistry() {
        ImageReference nginx = ImageReference.parse("nginx:1.25");
        assertEquals(
                "127.0.0.1:5000/library/nginx:1.25",
                nginx.withRegistry("127.0.0.1:5000").toString());
        assertEquals(
                "mirror.example:5000/hub/library/nginx:1.25",
                nginx.withRegistry("mirror.example:5000/hub").toString());
        ImageReference pinned = ImageReference.parse("src.example/x/y:1@" + DIGEST);
        assertEquals(
                "mirror.example/x/y:1@" + DIGEST,
                pinned.withRegistry("mirror.example").toString());
        assertThrows(InvalidReferenceException.class, () -> nginx.withRegistry("not a host"));
    }

    @Test
    void derivesPinnedAndRetaggedReferences() {
        ImageReference ref = ImageReference.parse("registry.example/app:1");
        assertEquals(
                "registry.example/app@" + DIGEST,
                ref.withDigest(Digest.of(DIGEST)).toString());
        assertEquals("registry.example/app:2", ref.withTag("2").toString());
        assertEquals(
                "registry.example/other/app:1", ref.withRepository("other/app").toString());
        assertThrows(InvalidReferenceException.class, () -> ref.withTag("bad tag"));
    }

    @Test
    void equalityIsByAllParts() {
        assertEquals(ImageReference.parse("nginx"), ImageReference.parse("docker.io/library/nginx:latest"));
        assertEquals(
                ImageReference.parse("nginx").hashCode(),
                ImageReference.parse("docker.io/library/nginx:latest").hashCode());
    }

    @Test
    void registryOverridesRewriteThePullLocation() {
        RegistryOverride hub = RegistryOverride.parse("docker.io=127.0.0.1:5000");
        assertEquals(
                "127.0.0.1:5000/library/nginx:1.25",
                hub.apply(ImageReference.parse("nginx:1.25")).orElseThrow().toString());
        assertEquals(Optional.empty(), hub.apply(ImageReference.parse("src.example/x/y:1")));

        RegistryOverride prefix = RegistryOverride.parse("src.example/org=mirror.example/src/org");
        assertEquals(
                "mirror.example/src/org/app:2",
                prefix.apply(ImageReference.parse("src.example/org/app:2"))
                        .orElseThrow()
                        .toString());
        assertEquals(Optional.empty(), prefix.apply(ImageReference.parse("src.example/organisation/app:2")));

        ImageReference app = ImageReference.parse("src.example/org/app:2");
        RegistryOverride host = RegistryOverride.parse("src.example=host-mirror.example");
        for (List<RegistryOverride> order : List.of(List.of(host, prefix), List.of(prefix, host))) {
            assertEquals(
                    "mirror.example/src/org/app:2",
                    PullOptions.forArchitecture("amd64")
                            .withOverrides(order)
                            .source(app)
                            .toString(),
                    "the most specific override wins, given in any order: " + order);
        }
        assertEquals(
                "host-mirror.example/x/y:1",
                PullOptions.forArchitecture("amd64")
                        .withOverrides(List.of(prefix, host))
                        .source(ImageReference.parse("src.example/x/y:1"))
                        .toString());

        assertThrows(IllegalArgumentException.class, () -> RegistryOverride.parse("no-equals"));
        assertThrows(IllegalArgumentException.class, () -> RegistryOverride.parse("=dst"));
    }
}
