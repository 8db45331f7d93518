package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.archive.Sha256;
import dev.jackal.test.kube.KubernetesExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split package on read-only media is inspected and deployed where it lies, by two readers at once, and nothing
 * changes next to its parts. Tests run as root, where a read-only directory still accepts writes, so the directory is
 * made read-only and, on top, every part's name and SHA-256 are compared before and after.
 */
class SplitPackageCliTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    @TempDir
    Path work;

    private static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.toList()) {
                files.put(file.getFileName().toString(), Sha256.of(file));
            }
        }
        return files;
    }

    @Test
    void aReadOnlySplitPackageIsInspectedByTwoReadersAndDeployed() throws Exception {
        Path src = Files.createDirectories(work.resolve("src"));
        Path deployed = work.resolve("deployed/random.bin");
        Files.writeString(
                src.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: split-cli
                  version: 0.0.1
                components:
                  - name: data
                    required: true
                    files:
                      - source: random.bin
                        target: %s
                """
                        .formatted(deployed));
        byte[] random = new byte[2_600_000];
        new Random(3).nextBytes(random);
        Files.write(src.resolve("random.bin"), random);
        Path media = work.resolve("media");
        Jackal.Result created = Jackal.run(
                "package",
                "create",
                src.toString(),
                "--confirm",
                "-a",
                "amd64",
                "-o",
                media.toString(),
                "-m",
                "1",
                "--no-progress");
        assertEquals(0, created.exitCode(), created.err());
        Path part000 = Path.of(created.out().strip());
        assertTrue(part000.getFileName().toString().endsWith(".part000"), created.out());

        Map<String, String> before = snapshot(media);
        assertTrue(before.size() >= 4, before.toString());
        Files.setPosixFilePermissions(media, PosixFilePermissions.fromString("r-xr-xr-x"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Jackal.Result>> inspections = pool.invokeAll(List.of(
                    () -> Jackal.run("package", "inspect", part000.toString(), "--no-progress"),
                    () -> Jackal.run("package", "inspect", part000.toString(), "--no-progress")));
            for (Future<Jackal.Result> inspection : inspections) {
                assertEquals(0, inspection.get().exitCode(), inspection.get().err());
                assertTrue(
                        inspection.get().out().contains("name: split-cli"),
                        inspection.get().out());
            }
            Jackal.Result deploy = Jackal.runWith(
                    null,
                    Map.of("KUBECONFIG", KUBE.controlPlane().kubeconfig().toString()),
                    "package",
                    "deploy",
                    part000.toString(),
                    "--confirm",
                    "--no-progress");
            assertEquals(0, deploy.exitCode(), deploy.err());
        } finally {
            pool.shutdown();
            Files.setPosixFilePermissions(media, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertArrayEquals(random, Files.readAllBytes(deployed));
        assertEquals(before, snapshot(media), "the parts are neither joined, nor added to, nor removed");
    }
}
