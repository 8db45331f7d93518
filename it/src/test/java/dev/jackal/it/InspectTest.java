package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.oci.ExampleRegistry;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.registry.RegistryExtension;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code package inspect} as a user runs it: SBOM export, and hostile archives refused cleanly. */
class InspectTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.plain();

    @TempDir
    Path work;

    @Test
    void sbomOutWritesThePackagesSboms() throws Exception {
        ExampleRegistry.push(ExampleRegistry.COMPOSED, Skopeo.find(), REGISTRY.registry(), work);
        Path out = work.resolve("out");
        Jackal.Result created = Jackal.run(
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
                work.resolve("cache").toString());
        assertEquals(0, created.exitCode(), created.err());
        Path sboms = work.resolve("sboms");
        Jackal.Result inspect = Jackal.run(
                "package", "inspect", created.out().strip(), "--sbom-out", sboms.toString(), "--no-progress");
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(Files.isRegularFile(sboms.resolve("composed/jackal-component-base.json")), inspect.err());
        String registry = REGISTRY.registry().address().replace(':', '_');
        try (Stream<Path> files = Files.list(sboms.resolve("composed"))) {
            assertEquals(
                    2,
                    files.filter(file -> file.getFileName().toString().startsWith(registry))
                            .count(),
                    "one SBOM per image");
        }
    }

    @Test
    void pathTraversalIsRefusedAndNothingEscapes() throws Exception {
        Path archive = work.resolve("evil.tar");
        try (OutputStream file = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            byte[] body = "pwned\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("../../escaped.txt", true);
            entry.setSize(body.length);
            tar.putArchiveEntry(entry);
            tar.write(body);
            tar.closeArchiveEntry();
        }
        Path temp = Files.createDirectories(work.resolve("tmp"));
        Jackal.Result result =
                Jackal.run("package", "inspect", archive.toString(), "--tmpdir", temp.toString(), "--no-progress");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("../../escaped.txt"), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
        assertFalse(Files.exists(work.resolve("escaped.txt")));
        assertFalse(Files.exists(work.getParent().resolve("escaped.txt")));
        try (Stream<Path> left = Files.list(temp)) {
            assertEquals(0, left.count(), "the temporary directory is cleaned up");
        }
    }

    @Test
    void notAPackageIsRefused() throws Exception {
        Path junk = work.resolve("junk.tar.zst");
        Files.writeString(junk, "this is not an archive");
        Jackal.Result result = Jackal.run("package", "inspect", junk.toString(), "--no-progress");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("ERROR: " + junk + " is not a jackal package"), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
    }
}
