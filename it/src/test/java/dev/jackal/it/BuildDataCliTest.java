package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code package create} names no host or user in {@code build} unless {@code --record-builder} asks. */
class BuildDataCliTest {

    @TempDir
    Path work;

    private String createAndInspect(String name, String... extra) throws Exception {
        Path out = work.resolve(name);
        String[] args = {
            "package",
            "create",
            work.resolve("pkg").toString(),
            "--confirm",
            "-a",
            "amd64",
            "-o",
            out.toString(),
            "--no-progress",
            "--skip-sbom",
            "--jackal-cache",
            work.resolve("cache").toString()
        };
        String[] all = Stream.concat(Arrays.stream(args), Arrays.stream(extra)).toArray(String[]::new);
        Jackal.Result created = Jackal.run(all);
        assertEquals(0, created.exitCode(), created.err());
        Jackal.Result inspect = Jackal.run("package", "inspect", created.out().strip(), "--no-progress");
        assertEquals(0, inspect.exitCode(), inspect.err());
        return inspect.out();
    }

    @Test
    void hostAndUserOnlyWithRecordBuilder() throws Exception {
        Path pkg = Files.createDirectories(work.resolve("pkg"));
        Files.writeString(
                pkg.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: private
                components:
                  - name: cm
                    required: true
                    manifests:
                      - name: cm
                        files:
                          - cm.yaml
                """);
        Files.writeString(pkg.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
        String host = InetAddress.getLocalHost().getHostName();
        String user = System.getProperty("user.name");

        String plain = createAndInspect("plain");
        assertFalse(plain.contains("terminal:") || plain.contains("user:"), plain);
        assertFalse(plain.contains(": " + host + "\n") || plain.contains(": " + user + "\n"), plain);

        String recorded = createAndInspect("recorded", "--record-builder");
        assertTrue(recorded.contains("terminal: " + host), recorded);
        assertTrue(recorded.contains("user: " + user), recorded);
    }
}
