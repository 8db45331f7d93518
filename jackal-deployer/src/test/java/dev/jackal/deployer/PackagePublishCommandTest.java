package dev.jackal.deployer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.registry.RegistryExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code package publish}, {@code package pull} and {@code package inspect oci://…} through {@link Main} against a
 * real registry; skopeo reads what was published.
 */
@Timeout(300)
class PackagePublishCommandTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.plain();

    @TempDir
    static Path dir;

    private static Path amd64;
    private static Path arm64;

    record Run(int exitCode, String out, String err) {}

    static Run jackal(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--no-progress");
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void createPackages() throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("pkg"));
        Files.writeString(pkg.resolve("hello.txt"), "hello\n");
        Files.writeString(
                pkg.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: cli-published
                  version: 0.2.0
                components:
                  - name: hello
                    required: true
                    files:
                      - source: hello.txt
                        target: /tmp/hello.txt
                """);
        amd64 = create(pkg, "amd64");
        arm64 = create(pkg, "arm64");
    }

    private static Path create(Path pkg, String arch) {
        Run created = jackal(
                "package",
                "create",
                pkg.toString(),
                "--confirm",
                "--skip-sbom",
                "-a",
                arch,
                "--output=" + dir.resolve("out"),
                "--jackal-cache=" + dir.resolve("cache"));
        assertEquals(ExitCodes.OK, created.exitCode(), created.err());
        return Path.of(created.out().strip());
    }

    private static String repo() {
        return "oci://" + REGISTRY.registry().address() + "/cli";
    }

    @Test
    void publishPullAndInspect() throws Exception {
        Run first = jackal("package", "publish", amd64.toString(), repo(), "--plain-http", "--oci-concurrency", "2");
        assertEquals(ExitCodes.OK, first.exitCode(), first.err());
        assertEquals(repo() + "/cli-published:0.2.0", first.out().strip());
        assertEquals(
                ExitCodes.OK,
                jackal("package", "publish", arm64.toString(), repo(), "--plain-http")
                        .exitCode());
        Run skeleton = jackal("package", "publish", dir.resolve("pkg").toString(), repo(), "--plain-http");
        assertEquals(ExitCodes.OK, skeleton.exitCode(), skeleton.err());

        JsonNode index =
                new ObjectMapper().readTree(Skopeo.find().inspectRaw(REGISTRY.registry(), "cli/cli-published:0.2.0"));
        List<String> platforms = new ArrayList<>();
        index.get("manifests")
                .forEach(m -> platforms.add(m.get("platform").get("os").asText() + "/"
                        + m.get("platform").get("architecture").asText()));
        assertEquals(List.of("multi/amd64", "multi/arm64", "multi/skeleton"), platforms);

        Run pulled = jackal(
                "package",
                "pull",
                repo() + "/cli-published:0.2.0",
                "-a",
                "arm64",
                "-o",
                dir.resolve("pulled").toString(),
                "--plain-http");
        assertEquals(ExitCodes.OK, pulled.exitCode(), pulled.err());
        assertEquals(
                dir.resolve("pulled").resolve("jackal-package-cli-published-arm64-0.2.0.tar.zst"),
                Path.of(pulled.out().strip()));

        Run skeletonPull = jackal(
                "package",
                "pull",
                repo() + "/cli-published:0.2.0",
                "-a",
                "skeleton",
                "-o",
                dir.resolve("pulled").toString(),
                "--plain-http");
        assertEquals(ExitCodes.OK, skeletonPull.exitCode(), skeletonPull.err());
        assertTrue(skeletonPull.out().strip().endsWith("jackal-package-cli-published-skeleton-0.2.0.tar.zst"));

        Run copied = jackal(
                "package",
                "publish",
                repo() + "/cli-published:0.2.0",
                "oci://" + REGISTRY.registry().address() + "/copy",
                "-a",
                "arm64",
                "--plain-http");
        assertEquals(ExitCodes.OK, copied.exitCode(), copied.err());
        assertEquals(
                "oci://" + REGISTRY.registry().address() + "/copy/cli-published:0.2.0",
                copied.out().strip());

        Run inspected = jackal("package", "inspect", repo() + "/cli-published:0.2.0", "-a", "amd64", "--plain-http");
        assertEquals(ExitCodes.OK, inspected.exitCode(), inspected.err());
        assertTrue(inspected.out().contains("name: cli-published"), inspected.out());
        assertTrue(inspected.out().contains("architecture: amd64"), inspected.out());
    }

    @Test
    void badInputIsOneLine() {
        assertEquals(
                ExitCodes.OK,
                jackal("package", "publish", amd64.toString(), repo(), "--plain-http")
                        .exitCode());

        Run wrongTag = jackal("package", "pull", repo() + "/cli-published:9.9.9", "-o", dir.toString(), "--plain-http");
        assertOneErrorLine(wrongTag);

        Run missingArch = jackal("package", "inspect", repo() + "/cli-published:0.2.0", "-a", "s390x", "--plain-http");
        assertOneErrorLine(missingArch);
        assertTrue(missingArch.err().contains("has no package for architecture s390x"), missingArch.err());

        Run notAPackage =
                jackal("package", "publish", dir.resolve("pkg/hello.txt").toString(), repo(), "--plain-http");
        assertOneErrorLine(notAPackage);

        Run badDestination = jackal("package", "publish", amd64.toString(), "ghcr.io/acme", "--plain-http");
        assertOneErrorLine(badDestination);
        assertTrue(badDestination.err().contains("is not an oci:// reference"), badDestination.err());

        Run badConcurrency =
                jackal("package", "publish", amd64.toString(), repo(), "--plain-http", "--oci-concurrency", "0");
        assertEquals(ExitCodes.USAGE, badConcurrency.exitCode(), badConcurrency.err());
        assertTrue(badConcurrency.err().contains("--oci-concurrency must be at least 1"), badConcurrency.err());
    }

    private static void assertOneErrorLine(Run run) {
        assertEquals(ExitCodes.FAILURE, run.exitCode(), run.err());
        List<String> errors =
                run.err().lines().filter(l -> l.startsWith("ERROR")).toList();
        assertEquals(1, errors.size(), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        assertFalse(errors.get(0).contains("Exception:"), "a user error, not a crash: " + run.err());
    }
}
