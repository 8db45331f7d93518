package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.Exec;
import dev.jackal.test.oci.ExampleRegistry;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.registry.RegistryExtension;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -TERM} and {@code kill -9} at seeded random points of a {@code package create} leave no partial
 * file in the output directory (a complete package, if the kill came after it was published, is fine), and the
 * next create succeeds with the aggregate checksum of an uninterrupted run and clears the dead run's staging.
 */
class InterruptedCreateTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.plain();

    private static final Pattern AGGREGATE = Pattern.compile("aggregate checksum ([0-9a-f]{64})");
    private static final String ARCHIVE = "jackal-package-composed-amd64-1.0.0.tar.zst";

    @TempDir
    Path work;

    @Test
    void killedCreatesLeaveNothingPartialAndTheNextOneIsCorrect() throws Exception {
        ExampleRegistry.push(ExampleRegistry.COMPOSED, Skopeo.find(), REGISTRY.registry(), work);
        Path cache = work.resolve("cache");

        String expected = aggregate(createAndWait(work.resolve("baseline"), cache));
        long started = System.nanoTime();
        assertEquals(expected, aggregate(createAndWait(work.resolve("warm"), cache)));
        // the kills below run with a warm cache too, so their random points fall within this run's length
        long fullMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        Random random = new Random(20261202L);
        boolean[] forcibly = {false, true, false, true};
        int interrupted = 0;
        for (int i = 0; i < forcibly.length; i++) {
            Path out = work.resolve("run-" + i);
            List<String> areasBefore = stagingAreas(cache);
            long delay = 150 + (long) (random.nextDouble() * fullMillis);
            Process process = start(out, cache);
            boolean exited = process.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!exited) {
                interrupted++;
                if (forcibly[i]) {
                    process.destroyForcibly();
                } else {
                    process.destroy();
                }
            }
            assertTrue(process.waitFor(1, TimeUnit.MINUTES), "the killed create exited");
            String what = (forcibly[i] ? "kill -9" : "kill -TERM") + " after " + delay + " ms";
            assertNothingPartial(out, what);
            if (!forcibly[i]) {
                // the hook deletes the area and then its lock file; the still running main thread may recreate
                // a directory before the JVM halts, which the next run removes as debris (checked below)
                List<String> left = new ArrayList<>(stagingAreas(cache));
                left.removeAll(areasBefore);
                left.removeIf(name -> !name.endsWith(".lock"));
                assertEquals(List.of(), left, "the shutdown hook released the staging area after " + what);
            }
        }
        assertTrue(interrupted >= 3, "most runs were stopped midway, not after they finished: " + interrupted);

        Path out = work.resolve("run-0");
        assertEquals(expected, aggregate(createAndWait(out, cache)), "the create after the kills");
        assertEquals(List.of(ARCHIVE), listing(out));
        assertEquals(List.of(), stagingAreas(cache), "the next run removed the dead runs' staging areas");
    }

    private void assertNothingPartial(Path out, String what) throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        for (String name : listing(out)) {
            assertEquals(ARCHIVE, name, "only a complete package may be in the output directory after " + what);
            Exec.run(List.of("zstd", "-q", "-t", out.resolve(name).toString())).requireSuccess();
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> stagingAreas(Path cache) throws IOException {
        Path tmp = cache.resolve("tmp");
        return Files.isDirectory(tmp) ? listing(tmp) : List.of();
    }

    private static String aggregate(String err) {
        Matcher matcher = AGGREGATE.matcher(err);
        assertTrue(matcher.find(), err);
        return matcher.group(1);
    }

    /** Runs create to its end and returns its standard error. */
    private String createAndWait(Path out, Path cache) throws Exception {
        Process process = start(out, cache);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "create did not exit");
        String err = Files.readString(work.resolve("err.txt"), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), err);
        return err;
    }

    /** Starts the shaded jar's java process itself (no shell in between, so signals reach the JVM). */
    private Process start(Path out, Path cache) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Jackal.JAR.toString(),
                "package",
                "create",
                Jackal.EXAMPLES.resolve("composed").toString(),
                "--confirm",
                "-a",
                "amd64",
                "-o",
                out.toString(),
                "--no-progress",
                "--plain-http",
                "--set",
                "REGISTRY=" + REGISTRY.registry().address(),
                "--jackal-cache",
                cache.toString()));
        return new ProcessBuilder(command)
                .redirectOutput(work.resolve("out.txt").toFile())
                .redirectError(work.resolve("err.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }
}
