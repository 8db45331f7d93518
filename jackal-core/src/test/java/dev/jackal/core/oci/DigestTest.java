package dev.jackal.core.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {

    static final String EMPTY = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void parsesAndPrintsSha256() {
        Digest digest = Digest.of(EMPTY);
        assertEquals("sha256", digest.algorithm());
        assertEquals(EMPTY.substring(7), digest.hex());
        assertEquals(EMPTY, digest.toString());
        assertEquals("e3b0c44298fc", digest.shortHex());
        assertEquals(digest, Digest.ofHex(EMPTY.substring(7)));
        assertEquals(digest.hashCode(), Digest.of(EMPTY).hashCode());
    }

    @Test
    void hashesBytes() {
        assertEquals(EMPTY, Digest.sha256(new byte[0]).toString());
        assertEquals(
                "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Digest.sha256("abc".getBytes(StandardCharsets.US_ASCII)).toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
                "sha256:e3b0c442",
                "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8550",
                "sha256:g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "sha256 :e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"
            })
    void rejectsAnythingElse(String value) {
        InvalidDigestException e = assertThrows(InvalidDigestException.class, () -> Digest.of(value));
        assertEquals(value, e.value());
        assertTrue(e.getMessage().startsWith("invalid digest \""), e.getMessage());
        assertFalse(Digest.isValid(value));
    }

    @Test
    void namesAnUnsupportedAlgorithm() {
        InvalidDigestException e = assertThrows(InvalidDigestException.class, () -> Digest.of("sha512:abc"));
        assertTrue(e.getMessage().contains("only sha256 is supported"), e.getMessage());
    }

    @Test
    void rejectsNull() {
        assertThrows(InvalidDigestException.class, () -> Digest.of(null));
    }
}
