package dev.jackal.deployer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to init is one line, and nothing is read or contacted before the flags are checked. */
class InitCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path empty;

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private String errorLine() {
        String[] lines = err.toString().strip().split("\n");
        assertEquals(1, lines.length, err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
        return lines[0];
    }

    @Test
    void initNeedsConfirm() {
        assertEquals(ExitCodes.FAILURE, run("init", "--no-progress"));
        assertTrue(errorLine().contains("pass --confirm"), err.toString());
    }

    @Test
    void anExternalRegistryNeedsItsPushCredentials() {
        assertEquals(
                ExitCodes.FAILURE,
                run(
                        "init",
                        "--confirm",
                        "--no-progress",
                        "--registry-url",
                        "registry.example:5000",
                        "--registry-push-password",
                        "p4ss-w0rd"));
        String line = errorLine();
        assertTrue(line.startsWith("ERROR: --registry-url: "), line);
        assertTrue(line.contains("--registry-push-username"), line);
        assertFalse(line.contains("p4ss-w0rd"), line);
    }

    @Test
    void aMissingInitPackageNamesEveryPlaceLookedIn() {
        assertEquals(ExitCodes.FAILURE, run("init", "--confirm", "--no-progress", "--jackal-cache", empty.toString()));
        String line = errorLine();
        assertTrue(line.contains("no init package jackal-init-amd64-"), line);
        assertTrue(line.contains(empty.toString()), line);
        assertTrue(line.contains(Path.of("").toAbsolutePath().toString()), line);
    }
}
