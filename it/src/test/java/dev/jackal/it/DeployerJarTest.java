package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Runs the shaded {@code jackal-deployer.jar} as a user would: {@code java -jar}. */
class DeployerJarTest {

    static Jackal.Result jackal(String... args) throws IOException, InterruptedException {
        return Jackal.run(args);
    }

    @Test
    void versionFlag() throws Exception {
        Jackal.Result result = jackal("--version");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(
                "jackal " + System.getProperty("jackal.expectedVersion"),
                result.out().strip());
    }

    @Test
    void helpDocumentsTheExitCodes() throws Exception {
        Jackal.Result result = jackal("--help");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Exit codes:"), result.out());
        assertTrue(result.out().contains("0   the command succeeded"), result.out());
        assertTrue(result.out().contains("1   the command failed"), result.out());
        assertTrue(result.out().contains("2   the command line was wrong"), result.out());
    }

    @Test
    void usageErrorExitsWithTwoAndNoStackTrace() throws Exception {
        Jackal.Result result = jackal("--bogus");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("Unknown option: '--bogus'"), result.err());
        assertTrue(!result.err().contains("\tat "), "stack trace printed: " + result.err());
    }
}
