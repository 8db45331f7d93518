package dev.jackal.core.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The spec's vectors (§6.5), written with the Zarf word so they match the published ones digit for digit. */
class ImageTransformTest {

    private static final String TARGET = "gitlab.com/project";
    private static final String DIGEST = "sha256:8460d8dc6ad2b8d8b4d17fb5c6c6c0f7c1d5e5e3a1bd8c7dffb6b1cf5b1ee2f1";

    @ParameterizedTest
    @CsvSource({
        "nginx, gitlab.com/project/library/nginx:latest-zarf-3793515731",
        "nginx:1.23.3, gitlab.com/project/library/nginx:1.23.3-zarf-3793515731",
        "ghcr.io/stefanprodan/podinfo:6.3.3, gitlab.com/project/stefanprodan/podinfo:6.3.3-zarf-2985051089",
        "gitlab.com/project/gitea/gitea:1.19.3-rootless-zarf-3431384023,"
                + " gitlab.com/project/gitea/gitea:1.19.3-rootless-zarf-3431384023",
        "oci://10.43.130.183:5000/stefanprodan/manifests/podinfo,"
                + " gitlab.com/project/stefanprodan/manifests/podinfo:latest-zarf-531355090",
    })
    void checksumNames(String source, String expected) {
        assertEquals(expected, ImageTransform.named("zarf").withChecksum(TARGET, source));
    }

    @Test
    void aDigestWinsOverTheTagAndGetsNoChecksum() {
        assertEquals(
                TARGET + "/zarf-dev/zarf-agent@" + DIGEST,
                ImageTransform.named("zarf").withChecksum(TARGET, "zarf-dev/zarf-agent@" + DIGEST));
        assertEquals(
                TARGET + "/library/busybox@" + DIGEST,
                ImageTransform.jackal().withChecksum(TARGET, "busybox:latest@" + DIGEST));
    }

    @ParameterizedTest
    @CsvSource({
        "nginx, gitlab.com/project/library/nginx:latest",
        "ghcr.io/stefanprodan/podinfo:6.3.3, gitlab.com/project/stefanprodan/podinfo:6.3.3",
        "busybox:1.36@" + DIGEST + ", gitlab.com/project/library/busybox@" + DIGEST,
    })
    void plainNames(String source, String expected) {
        assertEquals(expected, ImageTransform.jackal().withoutChecksum(TARGET, source));
    }

    @Test
    void jackalWritesItsOwnWordAndIsIdempotent() {
        String once = ImageTransform.jackal().withChecksum("127.0.0.1:31999", "nginx:1.25");
        assertEquals("127.0.0.1:31999/library/nginx:1.25-jackal-3793515731", once);
        assertEquals(once, ImageTransform.jackal().withChecksum("127.0.0.1:31999", once));
    }

    @ParameterizedTest
    @ValueSource(strings = {"i am not a ref at all", "C:\\Users\\zarf", "http://urls.are/not/refs"})
    void notAReference(String source) {
        InvalidReferenceException e = assertThrows(
                InvalidReferenceException.class, () -> ImageTransform.jackal().withChecksum(TARGET, source));
        assertTrue(e.getMessage().contains(source), e.getMessage());
    }
}
