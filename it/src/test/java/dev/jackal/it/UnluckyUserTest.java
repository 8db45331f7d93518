package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes an unlucky user makes get one line that says what is wrong (issue 9 item 13): an unreachable cluster, an
 * unusable {@code --tmpdir} or {@code --sbom-out}; and the console carries no SLF4J warnings.
 */
class UnluckyUserTest {

    @TempDir
    Path work;

    private Path archive;

    @BeforeEach
    void craft() throws Exception {
        archive = CraftedPackages.withNames(work, "unlucky", "app");
    }

    private static String oneErrorLine(Jackal.Result result) {
        assertEquals(1, result.exitCode(), result.err());
        List<String> lines = result.err().strip().lines().toList();
        assertEquals(1, lines.size(), result.err());
        assertTrue(lines.get(0).startsWith("ERROR: "), result.err());
        assertFalse(result.err().contains("Exception"), result.err());
        return lines.get(0);
    }

    @Test
    void anUnreachableClusterFailsFastNamingTheServerAndTheCause() throws Exception {
        int port = LoopbackServers.closedPort();
        Path kubeconfig = LoopbackServers.kubeconfig(work, port);
        // the machine may be busy: compare with a command that starts the same way but needs no cluster
        Instant inspectStart = Instant.now();
        assertEquals(
                0,
                Jackal.run("package", "inspect", archive.toString(), "--no-progress")
                        .exitCode());
        Duration inspect = Duration.between(inspectStart, Instant.now());
        Instant start = Instant.now();
        Jackal.Result deploy = Jackal.runWith(
                null,
                Map.of("KUBECONFIG", kubeconfig.toString()),
                "package",
                "deploy",
                archive.toString(),
                "--confirm",
                "--no-progress",
                "--log-level",
                "warn");
        Duration took = Duration.between(start, Instant.now());
        String line = oneErrorLine(deploy);
        assertTrue(line.contains("https://127.0.0.1:" + port), line);
        assertTrue(line.contains("connection refused"), line);
        assertTrue(line.contains(kubeconfig.toString()), line);
        assertTrue(
                took.minus(inspect).toSeconds() < 10,
                "took " + took + " against " + inspect + " for inspect (it took 28 s more, in hidden retries)");
    }

    @Test
    void aTmpdirThatIsMissingOrAFileIsOneClearLine() throws Exception {
        Path missing = work.resolve("no-such-dir");
        String line = oneErrorLine(
                Jackal.run("package", "inspect", archive.toString(), "--tmpdir", missing.toString(), "--no-progress"));
        assertEquals("ERROR: --tmpdir " + missing + ": does not exist; create it or choose another directory", line);

        Path file = Files.writeString(work.resolve("a-file"), "x");
        line = oneErrorLine(
                Jackal.run("package", "inspect", archive.toString(), "--tmpdir", file.toString(), "--no-progress"));
        assertEquals("ERROR: --tmpdir " + file + ": is not a directory; choose a directory", line);
    }

    @Test
    void anSbomOutThatIsAFileOrUnderAFileIsOneClearLine() throws Exception {
        Path file = Files.writeString(work.resolve("a-file"), "x");
        Jackal.Result onFile =
                Jackal.run("package", "inspect", archive.toString(), "--sbom-out", file.toString(), "--no-progress");
        assertEquals(
                "ERROR: --sbom-out " + file + ": is a file, not a directory; choose a directory for the SBOMs",
                oneErrorLine(onFile));
        assertEquals("", onFile.out(), "refused before the package is read");

        Path under = file.resolve("sboms");
        String line = oneErrorLine(
                Jackal.run("package", "inspect", archive.toString(), "--sbom-out", under.toString(), "--no-progress"));
        assertEquals(
                "ERROR: --sbom-out " + under + ": " + file + " is a file, not a directory; choose a directory for the"
                        + " SBOMs",
                line);

        Path fresh = work.resolve("new/parent/sboms");
        Jackal.Result created =
                Jackal.run("package", "inspect", archive.toString(), "--sbom-out", fresh.toString(), "--no-progress");
        assertEquals(0, created.exitCode(), created.err());
        assertTrue(Files.isRegularFile(fresh.resolve("unlucky/jackal-component-x.json")), "missing parents are made");
    }

    @Test
    void noSlf4jWarningsOnTheConsole() throws Exception {
        Path kubeconfig = LoopbackServers.kubeconfig(work, LoopbackServers.closedPort());
        List<Jackal.Result> results = new ArrayList<>();
        results.add(Jackal.run("version"));
        results.add(Jackal.run("--help"));
        results.add(Jackal.run("package", "inspect", archive.toString(), "--no-progress"));
        results.add(Jackal.run("package", "inspect", archive.toString(), "--log-level", "debug", "--no-progress"));
        results.add(Jackal.runWith(
                null,
                Map.of("KUBECONFIG", kubeconfig.toString()),
                "package",
                "deploy",
                archive.toString(),
                "--confirm",
                "--no-progress"));
        results.add(
                Jackal.runWith(null, Map.of("KUBECONFIG", kubeconfig.toString()), "package", "list", "--no-progress"));
        for (Jackal.Result result : results) {
            assertFalse(result.out().contains("SLF4J"), result.out());
            assertFalse(result.err().contains("SLF4J"), result.err());
        }
        assertEquals(0, results.get(2).exitCode(), results.get(2).err());
        assertEquals(1, results.get(4).exitCode(), results.get(4).err());
    }
}
