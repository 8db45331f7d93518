package dev.jackal.deployer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.http.MisbehavingServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code package create} with the network bound options, against a server that never answers. */
@Timeout(60)
class PackageCreateNetworkTest {

    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    MisbehavingServer server;

    @BeforeEach
    void definition() throws Exception {
        server = MisbehavingServer.serving(dir).neverAnswer();
        Files.writeString(
                dir.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: net
                components:
                  - name: remote
                    required: true
                    files:
                      - source: %s/data.txt
                        target: /opt/data.txt
                """
                        .formatted(server.baseUrl()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int create(String... options) {
        String[] args = new String[6 + options.length];
        System.arraycopy(
                new String[] {
                    "package",
                    "create",
                    dir.toString(),
                    "--confirm",
                    "--no-progress",
                    "--jackal-cache=" + dir.resolve("cache")
                },
                0,
                args,
                0,
                6);
        System.arraycopy(options, 0, args, 6, options.length);
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void aSilentServerFailsCreateWithinTheReadTimeout() {
        long start = System.nanoTime();
        int code = create("--connect-timeout", "1s", "--read-timeout", "1s", "--min-transfer-rate", "1000");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(ExitCodes.FAILURE, code, err.toString());
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "took " + took);
        assertTrue(
                err.toString().contains("no answer within 1 s from " + server.baseUrl() + "/data.txt"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void aZeroTimeoutIsAUsageError() {
        assertEquals(ExitCodes.USAGE, create("--read-timeout", "0s"));
        assertTrue(err.toString().contains("read timeout"), err.toString());
    }

    @Test
    void offlineAnUncachedFileFailsAtOnceWithoutAskingTheServer() {
        long start = System.nanoTime();
        int code = create("--offline");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(ExitCodes.FAILURE, code, err.toString());
        // the server never answers: any request would have waited for the 30 s read timeout
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "took " + took);
        List<String> lines = err.toString().strip().lines().toList();
        assertEquals(
                "ERROR: component remote, files[0].source: " + server.baseUrl() + "/data.txt: offline and not cached:"
                        + " run the same package create once without --offline to fill the cache",
                lines.get(lines.size() - 1),
                err.toString());
        assertEquals(List.of(), server.requests());
    }
}
