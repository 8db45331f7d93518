package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names from a package are hostile input (issue 9 item 1): inspect, inspect {@code --sbom-out} and deploy of packages
 * named {@code ../x}, {@code a;touch x} or {@code UPPER} (as the package or as a component) refuse with one line,
 * write nothing outside their temporary directory (which they clean up), and send no request to the cluster: the
 * kubeconfig points at a loopback server that counts connections.
 */
class HostileNamesTest {

    @TempDir
    Path work;

    private static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static void assertOneLineRefusal(Jackal.Result result, String name) {
        assertEquals(1, result.exitCode(), result.err());
        List<String> errors =
                result.err().lines().filter(l -> l.startsWith("ERROR")).toList();
        assertEquals(1, errors.size(), result.err());
        assertTrue(errors.get(0).contains("'" + name + "' is not valid"), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
    }

    private void refusedEverywhere(Path archive, String name) throws Exception {
        Path temp = Files.createDirectories(work.resolve("tmp"));
        Path sboms = Files.createDirectories(work.resolve("out/sboms"));
        List<String> before = tree(work);
        try (LoopbackServers.CountingServer cluster = new LoopbackServers.CountingServer()) {
            Path kubeconfig = LoopbackServers.kubeconfig(Files.createTempDirectory("kube"), cluster.port());
            Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString());

            Jackal.Result inspect = Jackal.runWith(
                    null, env, "package", "inspect", archive.toString(), "--tmpdir", temp.toString(), "--no-progress");
            assertOneLineRefusal(inspect, name);
            assertEquals("", inspect.out(), "nothing of the definition is printed");

            Jackal.Result sbom = Jackal.runWith(
                    null,
                    env,
                    "package",
                    "inspect",
                    archive.toString(),
                    "--sbom-out",
                    sboms.toString(),
                    "--tmpdir",
                    temp.toString(),
                    "--no-progress");
            assertOneLineRefusal(sbom, name);

            Jackal.Result deploy = Jackal.runWith(
                    null,
                    env,
                    "package",
                    "deploy",
                    archive.toString(),
                    "--confirm",
                    "--tmpdir",
                    temp.toString(),
                    "--no-progress");
            assertOneLineRefusal(deploy, name);

            Jackal.Result remove = Jackal.runWith(
                    null,
                    env,
                    "package",
                    "remove",
                    archive.toString(),
                    "--confirm",
                    "--tmpdir",
                    temp.toString(),
                    "--no-progress");
            assertOneLineRefusal(remove, name);
            assertEquals(0, cluster.connections(), "no request reached the cluster");
        }
        assertEquals(before, tree(work), "nothing was written, the temporary directories are gone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a;touch x", "UPPER"})
    void aHostilePackageNameIsRefusedBeforeAnythingIsWrittenOrSent(String name) throws Exception {
        refusedEverywhere(CraftedPackages.withNames(work, name, "app"), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a;touch x", "UPPER"})
    void aHostileComponentNameIsRefusedBeforeAnythingIsWrittenOrSent(String name) throws Exception {
        refusedEverywhere(CraftedPackages.withNames(work, "fine", name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a;touch x", "UPPER"})
    void removeByAHostileNameSendsNothing(String name) throws Exception {
        try (LoopbackServers.CountingServer cluster = new LoopbackServers.CountingServer()) {
            Path kubeconfig = LoopbackServers.kubeconfig(work, cluster.port());
            Jackal.Result remove = Jackal.runWith(
                    null,
                    Map.of("KUBECONFIG", kubeconfig.toString()),
                    "package",
                    "remove",
                    name,
                    "--confirm",
                    "--no-progress");
            assertEquals(1, remove.exitCode(), remove.err());
            assertEquals(
                    "ERROR: package " + name + ": is neither a package file nor a valid package name (lowercase"
                            + " letters, digits and '-')",
                    remove.err().strip());
            assertEquals(0, cluster.connections(), "no request reached the cluster");
        }
    }

    /** The control: the same package with good names gets as far as the cluster, so the counter does count. */
    @Test
    void withGoodNamesTheSamePackageReachesTheCluster() throws Exception {
        Path archive = CraftedPackages.withNames(work, "fine", "app");
        Path sboms = work.resolve("sboms");
        Jackal.Result inspect =
                Jackal.run("package", "inspect", archive.toString(), "--sbom-out", sboms.toString(), "--no-progress");
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(Files.isRegularFile(sboms.resolve("fine/jackal-component-x.json")), inspect.err());
        try (LoopbackServers.CountingServer cluster = new LoopbackServers.CountingServer()) {
            Path kubeconfig = LoopbackServers.kubeconfig(work, cluster.port());
            Jackal.Result deploy = Jackal.runWith(
                    null,
                    Map.of("KUBECONFIG", kubeconfig.toString()),
                    "package",
                    "deploy",
                    archive.toString(),
                    "--confirm",
                    "--no-progress");
            assertEquals(1, deploy.exitCode(), deploy.err());
            assertTrue(cluster.connections() > 0, deploy.err());
            assertFalse(deploy.err().contains("is not valid"), deploy.err());
        }
    }
}
