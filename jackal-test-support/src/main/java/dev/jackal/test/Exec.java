package dev.jackal.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived program to completion. */
public final class Exec {

    /** What a finished program left behind. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** This result, or a failure naming the command and its stderr. */
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new TestServiceException(
                        Path.of(command.get(0)).getFileName().toString(),
                        "'" + String.join(" ", command) + "' exited with " + exitCode + ":\n" + stderr + stdout);
            }
            return this;
        }
    }

    private Exec() {}

    public static Result run(List<String> command) {
        return run(command, Map.of(), null);
    }

    /** Runs {@code command} with extra environment, optionally in {@code workDir}; waits at most 10 minutes. */
    public static Result run(List<String> command, Map<String, String> environment, Path workDir) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("jackal-exec", ".out");
            err = Files.createTempFile("jackal-exec", ".err");
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (workDir != null) {
                builder.directory(workDir.toFile());
            }
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new TestServiceException(command.get(0), "did not finish within 10 minutes");
            }
            return new Result(
                    List.copyOf(command),
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TestServiceException(command.get(0), "cannot run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestServiceException(command.get(0), "interrupted", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a temp file; the OS cleans up
            }
        }
    }
}
