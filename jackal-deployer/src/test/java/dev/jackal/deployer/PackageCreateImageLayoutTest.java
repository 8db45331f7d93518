package dev.jackal.deployer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.oci.Platform;
import dev.jackal.core.oci.image.ImageBuilder;
import dev.jackal.core.oci.image.LayerEntry;
import dev.jackal.test.Ports;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code package create --image-layout DIR}: the image's registry is a loopback port nobody listens on. */
@Timeout(120)
class PackageCreateImageLayoutTest {

    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    Path layout;

    @BeforeEach
    void definitionAndLayout() throws Exception {
        String reference = "127.0.0.1:" + Ports.free() + "/jackal/hello:1.0";
        Path file = Files.writeString(dir.resolve("hello"), "hello\n");
        layout = dir.resolve("layout");
        ImageBuilder.forPlatform(Platform.linux("amd64"))
                .layer(List.of(LayerEntry.file(file, "/bin/hello", 0755)))
                .build(OciLayout.create(layout), ImageReference.parse(reference));
        Path pkg = Files.createDirectories(dir.resolve("pkg"));
        Files.writeString(
                pkg.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: layout
                  architecture: amd64
                components:
                  - name: app
                    required: true
                    images:
                      - %s
                """
                        .formatted(reference));
    }

    private int create(String... options) {
        List<String> args = new ArrayList<>(List.of(
                "package",
                "create",
                dir.resolve("pkg").toString(),
                "--confirm",
                "--no-progress",
                "--skip-sbom",
                "--plain-http",
                "--retries=1",
                "--output=" + dir.resolve("out"),
                "--jackal-cache=" + dir.resolve("cache")));
        args.addAll(List.of(options));
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    }

    @Test
    void theImageComesFromTheLayout() throws Exception {
        Files.createDirectories(dir.resolve("out"));
        assertEquals(ExitCodes.OK, create("--image-layout", layout.toString()), err.toString());
        assertTrue(out.toString().strip().endsWith("jackal-package-layout-amd64.tar.zst"), out.toString());
    }

    @Test
    void theImageComesFromTheLayoutPackedAsATar() throws Exception {
        Files.createDirectories(dir.resolve("out"));
        Path tar = dir.resolve("image.tar");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar));
                Stream<Path> files = Files.walk(layout)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                TarArchiveEntry entry =
                        new TarArchiveEntry(layout.relativize(file).toString().replace('\\', '/'));
                entry.setSize(Files.size(file));
                out.putArchiveEntry(entry);
                Files.copy(file, out);
                out.closeArchiveEntry();
            }
        }
        assertEquals(ExitCodes.OK, create("--image-layout", tar.toString()), err.toString());
        assertTrue(out.toString().strip().endsWith("jackal-package-layout-amd64.tar.zst"), out.toString());
    }

    @Test
    void withoutItTheRegistryIsAskedAndCreateFails() throws Exception {
        Files.createDirectories(dir.resolve("out"));
        assertEquals(ExitCodes.FAILURE, create(), err.toString());
    }

    @Test
    void aDirectoryThatIsNoLayoutIsNamedInOneLine() throws Exception {
        Files.createDirectories(dir.resolve("out"));
        Path notALayout = Files.createDirectories(dir.resolve("empty"));
        assertEquals(ExitCodes.FAILURE, create("--image-layout", notALayout.toString()), err.toString());
        assertTrue(err.toString().contains(notALayout + " is not an OCI image layout"), err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
    }
}
