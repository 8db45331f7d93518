package dev.jackal.core.oci;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a Docker credential helper: {@code docker-credential-<name> get}, the server URL on standard input,
 * {@code {"ServerURL":..,"Username":..,"Secret":..}} on standard output. The secret is never logged.
 */
final class DockerCredentialHelper {

    private static final String PREFIX = "docker-credential-";
    private static final long TIMEOUT_SECONDS = 30;

    private final Path directory;

    /** Helpers in {@code directory}, or on the {@code PATH} when null. */
    DockerCredentialHelper(Path directory) {
        this.directory = directory;
    }

    Optional<Credentials> get(String helper, String serverUrl, String registry) {
        Path executable = locate(PREFIX + helper)
                .orElseThrow(() -> new CredentialsException(
                        registry,
                        "the Docker config names the credential helper " + PREFIX + helper + " for " + registry
                                + ", but it is not installed (not on the PATH); install it or log in again",
                        null));
        Process process;
        try {
            process = new ProcessBuilder(List.of(executable.toString(), "get"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new CredentialsException(registry, "cannot run " + executable + ": " + e.getMessage(), e);
        }
        try {
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(serverUrl.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new CredentialsException(
                        registry, PREFIX + helper + " did not answer within " + TIMEOUT_SECONDS + " s", null);
            }
            byte[] output = stdout.get(5, TimeUnit.SECONDS);
            if (process.exitValue() != 0) {
                String message = new String(output, StandardCharsets.UTF_8).strip();
                if (message.toLowerCase(java.util.Locale.ROOT).contains("credentials not found")) {
                    return Optional.empty();
                }
                throw new CredentialsException(
                        registry,
                        PREFIX + helper + " failed for " + registry + " (exit " + process.exitValue() + "): "
                                + firstLine(message),
                        null);
            }
            return parse(output, helper, registry);
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new CredentialsException(registry, PREFIX + helper + " failed for " + registry, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialsException(registry, "interrupted while running " + PREFIX + helper, e);
        } finally {
            process.destroy();
        }
    }

    private static Optional<Credentials> parse(byte[] output, String helper, String registry) {
        ObjectNode answer;
        try {
            answer = Json.readObject(output, PREFIX + helper);
        } catch (InvalidManifestException e) {
            throw new CredentialsException(registry, PREFIX + helper + " did not answer with JSON", null);
        }
        String username = Json.text(answer, "Username");
        String secret = Json.text(answer, "Secret");
        // "<token>" marks an identity token (OAuth refresh token), which this client does not exchange yet.
        if (username == null || username.isEmpty() || "<token>".equals(username) || secret == null) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(username, secret));
    }

    private Optional<Path> locate(String name) {
        if (directory != null) {
            Path candidate = directory.resolve(name);
            return Files.isExecutable(candidate) ? Optional.of(candidate) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readNBytes(1 << 20);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
