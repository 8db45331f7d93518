package dev.jackal.core.create;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders kustomizations with a real kustomize. None exists on the JVM, so this runs a {@code kustomize}
 * executable, or {@code kubectl kustomize}, found on the PATH (or named by {@code JACKAL_KUSTOMIZE}).
 */
final class Kustomize {

    private final List<String> command;

    private Kustomize(List<String> command) {
        this.command = command;
    }

    /** The kustomize to use, or empty when none is installed. */
    static Optional<Kustomize> find() {
        String configured = System.getenv("JACKAL_KUSTOMIZE");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(new Kustomize(List.of(configured, "build")));
        }
        return onPath("kustomize")
                .map(k -> new Kustomize(List.of(k.toString(), "build")))
                .or(() -> onPath("kubectl").map(k -> new Kustomize(List.of(k.toString(), "kustomize"))));
    }

    /** Renders {@code dir} into {@code target}; returns kustomize's error text on failure. */
    Optional<String> build(String dirOrUrl, Path target, boolean allowAnyDirectory) throws IOException {
        List<String> full = new ArrayList<>(command);
        if (allowAnyDirectory) {
            full.add("--load-restrictor=LoadRestrictionsNone");
        }
        full.add(dirOrUrl);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path errors = Files.createTempFile("kustomize", ".err");
        try {
            Process process = new ProcessBuilder(full)
                    .redirectOutput(target.toFile())
                    .redirectError(errors.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return Optional.of("kustomize did not finish within 10 minutes");
            }
            if (process.exitValue() != 0) {
                return Optional.of(
                        Files.readString(errors, StandardCharsets.UTF_8).strip());
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static Optional<Path> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
