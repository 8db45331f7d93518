package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the shaded {@code jackal-deployer.jar} as a user would: {@code java -jar}. */
class DeployerJarTest {

    private static final Path JAR = Path.of(System.getProperty("jackal.deployerJar"));

    record Result(int exitCode, String out, String err) {}

    static Result jackal(String... args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), "the shaded jar was not built: " + JAR);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        Path err = Files.createTempFile("jackal-err", ".txt");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "jackal did not exit");
            return new Result(process.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    @Test
    void versionFlag() throws Exception {
        Result result = jackal("--version");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(
                "jackal " + System.getProperty("jackal.expectedVersion"),
                result.out().strip());
    }

    @Test
    void helpDocumentsTheExitCodes() throws Exception {
        Result result = jackal("--help");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Exit codes:"), result.out());
        assertTrue(result.out().contains("0   the command succeeded"), result.out());
        assertTrue(result.out().contains("1   the command failed"), result.out());
        assertTrue(result.out().contains("2   the command line was wrong"), result.out());
    }

    @Test
    void usageErrorExitsWithTwoAndNoStackTrace() throws Exception {
        Result result = jackal("--bogus");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("Unknown option: '--bogus'"), result.err());
        assertTrue(!result.err().contains("\tat "), "stack trace printed: " + result.err());
    }
}
