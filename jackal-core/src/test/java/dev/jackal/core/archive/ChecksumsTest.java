package dev.jackal.core.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jackal.core.archive.ChecksumException.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksumsTest {

    private static final String LAYER = "0139c1c77468f75e6763a4612262743bd47a36b26cb2863d662756b3377bb029";

    /** sha256 of each content, sorted byte-wise by line, one trailing newline. */
    private static final String GOLDEN =
            "0139c1c77468f75e6763a4612262743bd47a36b26cb2863d662756b3377bb029 images/blobs/sha256/"
                    + LAYER + "\n"
                    + "18f0797eab35a4597c1e9624aa4f15fd91f6254e5538c1e0d193b2a95dd4acc6 images/oci-layout\n"
                    + "27b7a2ad77ebd6c3663a9dc5d493a96943c48d8c7c77b3c123d2f6712f1ff7ed images/index.json\n"
                    + "4b5e57f6eb2f42b9039b3d1e13929295f231749c510cbe341cd68036d9af97e2 components/web.tar\n"
                    + "4b5e57f6eb2f42b9039b3d1e13929295f231749c510cbe341cd68036d9af97e2 nested/jackal.yaml\n"
                    + "98f3ae1ef67113d8140d4f6cb8d2830070e21ea48f091be519659846c771a374 sboms.tar\n";

    @TempDir
    Path pkg;

    @BeforeEach
    void packageDirectory() throws IOException {
        Trees.write(pkg, "jackal.yaml", "kind: JackalPackageConfig\n");
        Trees.write(pkg, "jackal.yaml.sig", "c2lnbmF0dXJl");
        Trees.write(pkg, "components/web.tar", "web");
        Trees.write(pkg, "images/oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}");
        Trees.write(pkg, "images/index.json", "{\"manifests\":[]}");
        Trees.write(pkg, "images/blobs/sha256/" + LAYER, "layer-one");
        Trees.write(pkg, "sboms.tar", "sbom");
        Trees.write(pkg, "nested/jackal.yaml", "web");
    }

    @Test
    void rendersTheExactFormat() throws IOException {
        assertEquals(GOLDEN, Checksums.render(pkg));
    }

    @Test
    void aKnownDigestIsListedWithoutReadingTheFile() throws IOException {
        // the blob's content no longer matches its name, but the digest given for it is what gets listed
        Trees.write(pkg, "images/blobs/sha256/" + LAYER, "not read");
        assertEquals(GOLDEN, Checksums.render(pkg, Map.of("images/blobs/sha256/" + LAYER, LAYER)));
        String aggregate = Checksums.write(pkg, Map.of("images/blobs/sha256/" + LAYER, LAYER));
        assertEquals(Sha256.of(GOLDEN.getBytes(StandardCharsets.UTF_8)), aggregate);
    }

    @Test
    void aggregateIsTheSha256OfTheWrittenBytes() throws IOException {
        String aggregate = Checksums.write(pkg);
        assertEquals(GOLDEN, Files.readString(pkg.resolve("checksums.txt")));
        assertEquals(Sha256.of(GOLDEN.getBytes(StandardCharsets.UTF_8)), aggregate);
        assertEquals(aggregate, Checksums.aggregate(pkg.resolve("checksums.txt")));
        Checksums.verify(pkg, aggregate);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "components/web.tar",
                "images/oci-layout",
                "images/index.json",
                "images/blobs/sha256/" + LAYER,
                "sboms.tar",
                "nested/jackal.yaml"
            })
    void oneFlippedByteIsCaughtAndNamed(String file) throws IOException {
        String aggregate = Checksums.write(pkg);
        Path target = pkg.resolve(file);
        byte[] bytes = Files.readAllBytes(target);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(target, bytes);

        ChecksumException e = assertThrows(ChecksumException.class, () -> Checksums.verify(pkg, aggregate));
        assertEquals(Problem.DIGEST_MISMATCH, e.problem());
        assertEquals(Optional.of(file), e.path());
    }

    @Test
    void anUnlistedFileIsAnError() throws IOException {
        String aggregate = Checksums.write(pkg);
        Trees.write(pkg, "images/blobs/sha256/smuggled", "extra");

        ChecksumException e = assertThrows(ChecksumException.class, () -> Checksums.verify(pkg, aggregate));
        assertEquals(Problem.UNLISTED_FILE, e.problem());
        assertEquals(Optional.of("images/blobs/sha256/smuggled"), e.path());
    }

    @Test
    void theDefinitionAndSignatureAreNeverListedNorRequired() throws IOException {
        String aggregate = Checksums.write(pkg);
        Files.writeString(pkg.resolve("jackal.yaml"), "changed: after checksums\n");
        Files.delete(pkg.resolve("jackal.yaml.sig"));
        Checksums.verify(pkg, aggregate);
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        String aggregate = Checksums.write(pkg);
        Files.delete(pkg.resolve("sboms.tar"));

        ChecksumException e = assertThrows(ChecksumException.class, () -> Checksums.verify(pkg, aggregate));
        assertEquals(Problem.MISSING_FILE, e.problem());
        assertEquals(Optional.of("sboms.tar"), e.path());
    }

    @Test
    void aPartialLoadMayLackFilesItDidNotAskFor() throws IOException {
        String aggregate = Checksums.write(pkg);
        Files.delete(pkg.resolve("components/web.tar"));
        Checksums.verify(pkg, aggregate, path -> !path.startsWith("components/"));
    }

    @Test
    void theAggregateMustMatch() throws IOException {
        Checksums.write(pkg);
        ChecksumException e = assertThrows(ChecksumException.class, () -> Checksums.verify(pkg, "0".repeat(64)));
        assertEquals(Problem.AGGREGATE_MISMATCH, e.problem());
    }

    @Test
    void emptyLinesAreSkipped() throws IOException {
        String content = "\n" + GOLDEN.replace("\nsboms", "\n\nsboms") + "\n";
        Files.writeString(pkg.resolve("checksums.txt"), content);
        Checksums.verify(pkg, Sha256.of(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aLineWithThreeFieldsNamesItsNumber() throws IOException {
        assertMalformed(GOLDEN.replace(" sboms.tar", " sboms.tar extra"), 6);
    }

    @Test
    void aLineWithoutAPathNamesItsNumber() throws IOException {
        assertMalformed("\n" + "0".repeat(64) + "\n", 2);
    }

    @Test
    void aDigestThatIsNotHexIsMalformed() throws IOException {
        assertMalformed(GOLDEN.replace("18f0797e", "zzzzzzzz"), 2);
    }

    @Test
    void aPathOutsideThePackageIsMalformed() throws IOException {
        assertMalformed(GOLDEN + "0".repeat(64) + " ../../etc/passwd\n", 7);
    }

    @Test
    void aPathListedTwiceIsMalformed() throws IOException {
        List<String> lines = GOLDEN.lines().toList();
        assertMalformed(GOLDEN + lines.get(0) + "\n", 7);
    }

    private void assertMalformed(String content, int line) throws IOException {
        Files.writeString(pkg.resolve("checksums.txt"), content);
        String aggregate = Sha256.of(content.getBytes(StandardCharsets.UTF_8));
        ChecksumException e = assertThrows(ChecksumException.class, () -> Checksums.verify(pkg, aggregate));
        assertEquals(Problem.MALFORMED_LINE, e.problem(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
    }
}
