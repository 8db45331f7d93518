package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code SOURCE_DATE_EPOCH=… jackal package create}: two creates give the same bytes, as reproducible-builds asks. */
class ReproducibleCreateTest {

    @TempDir
    Path work;

    @BeforeEach
    void definition() throws Exception {
        Path pkg = Files.createDirectories(work.resolve("pkg"));
        Files.writeString(
                pkg.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: repro
                  version: 1.0.0
                components:
                  - name: cm
                    required: true
                    manifests:
                      - name: cm
                        files:
                          - cm.yaml
                    files:
                      - source: motd.txt
                        target: /etc/motd
                """);
        Files.writeString(pkg.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
        Files.writeString(pkg.resolve("motd.txt"), "the same bytes twice\n");
    }

    private Jackal.Result create(String out, Map<String, String> env, String... extra) throws Exception {
        String[] args = {
            "package",
            "create",
            work.resolve("pkg").toString(),
            "--confirm",
            "-a",
            "amd64",
            "-o",
            work.resolve(out).toString(),
            "--no-progress",
            "--jackal-cache",
            work.resolve("cache").toString()
        };
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        return Jackal.runWith(null, env, all);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void twoCreatesWithSourceDateEpochGiveTheSameBytes() throws Exception {
        Map<String, String> epoch = Map.of("SOURCE_DATE_EPOCH", "1700000000");
        Jackal.Result first = create("one", epoch, "--record-builder");
        assertEquals(0, first.exitCode(), first.err());
        Thread.sleep(1100);
        Jackal.Result second = create("two", epoch);
        assertEquals(0, second.exitCode(), second.err());
        Path a = Path.of(first.out().strip());
        Path b = Path.of(second.out().strip());
        assertNotEquals(a, b);
        assertEquals(sha256(a), sha256(b));
        assertTrue(first.err().contains("host and user names are left out"), first.err());

        Jackal.Result inspect = Jackal.run("package", "inspect", a.toString(), "--no-progress");
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(inspect.out().contains("timestamp: \"Tue, 14 Nov 2023 22:13:20 +0000\""), inspect.out());
        assertFalse(inspect.out().contains("terminal:"), inspect.out());

        // the control: without it, the clock is the build time and a second later the bytes differ
        Jackal.Result clock = create("three", Map.of("SOURCE_DATE_EPOCH", ""));
        assertEquals(0, clock.exitCode(), clock.err());
        assertNotEquals(sha256(a), sha256(Path.of(clock.out().strip())));
    }

    @Test
    void aSourceDateEpochThatIsNotSecondsIsOneLine() throws Exception {
        Jackal.Result bad = create("bad", Map.of("SOURCE_DATE_EPOCH", "2023-11-14"));
        assertEquals(1, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("SOURCE_DATE_EPOCH=2023-11-14 is not a number of seconds"), bad.err());
        assertFalse(bad.err().contains("\tat "), bad.err());
    }
}
