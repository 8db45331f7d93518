package dev.jackal.test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the programs the test services run: Debian packages on PATH, Go-built ones in the cache. */
public final class TestTools {

    /** The command that installs everything the tests need. */
    public static final String SETUP_COMMAND = "jackal-test-support/setup/setup-test-env.sh";

    private TestTools() {}

    /** Where Go-built test binaries are cached ({@code $JACKAL_TEST_CACHE}, default {@code ~/.cache/jackal-test}). */
    public static Path cacheDir() {
        String configured = System.getenv("JACKAL_TEST_CACHE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "jackal-test");
    }

    /** A program from PATH or well-known system directories, or a failure that names the setup command. */
    public static Path onPath(String service, String program) {
        return findOnPath(program)
                .orElseThrow(() -> new TestServiceException(
                        service, "'" + program + "' is not installed; run " + SETUP_COMMAND + " first"));
    }

    /** A Go-built program from the cache, or a failure that names the setup command. */
    public static Path cached(String service, String program) {
        Path binary = cacheDir().resolve("bin").resolve(program);
        if (!Files.isExecutable(binary)) {
            throw new TestServiceException(
                    service, "'" + binary + "' is missing; run " + SETUP_COMMAND + " (it builds it from Go modules)");
        }
        return binary;
    }

    /** A program from PATH or well-known system directories, if there is one. */
    public static Optional<Path> findOnPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin:/usr/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
