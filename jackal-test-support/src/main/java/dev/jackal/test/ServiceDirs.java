package dev.jackal.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Directories of test services: each instance gets its own under the module's {@code target/test-services/},
 * so its data, configuration and log stay with the build that made them.
 */
public final class ServiceDirs {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private ServiceDirs() {}

    /** The root: {@code -Djackal.test.servicesDir}, else {@code target/test-services} of the working directory. */
    public static Path root() {
        String configured = System.getProperty("jackal.test.servicesDir");
        Path root = configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("user.dir"), "target", "test-services");
        return root.toAbsolutePath();
    }

    /** A new, empty directory for one instance of {@code service}. */
    public static Path create(String service) {
        Path dir = root().resolve(service + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
        try {
            if (Files.exists(dir)) {
                Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile()
                        .delete());
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
