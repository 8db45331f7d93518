package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the shaded {@code jackal-deployer.jar} as a user would: {@code java -jar}. */
final class Jackal {

    static final Path JAR = Path.of(System.getProperty("jackal.deployerJar"));
    static final Path EXAMPLES = Path.of(System.getProperty("jackal.examples"));

    record Result(int exitCode, String out, String err) {}

    private Jackal() {}

    static Result run(String... args) throws IOException, InterruptedException {
        return runAs(null, args);
    }

    /** Runs with {@code user.home} set to {@code home} (for ~/.git-credentials and ~/.docker), when not null. */
    static Result runAs(Path home, String... args) throws IOException, InterruptedException {
        return runWith(home, java.util.Map.of(), args);
    }

    /** Runs with extra environment variables (e.g. {@code KUBECONFIG}). */
    static Result runWith(Path home, java.util.Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), "the shaded jar was not built: " + JAR);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (home != null) {
            command.add("-Duser.home=" + home);
        }
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        Path err = Files.createTempFile("jackal-err", ".txt");
        Path out = Files.createTempFile("jackal-out", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(env);
            Process process = builder.redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            assertTrue(process.waitFor(10, TimeUnit.MINUTES), "jackal did not exit");
            return new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(err);
            Files.deleteIfExists(out);
        }
    }
}
