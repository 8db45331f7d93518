package dev.jackal.it;

import dev.jackal.core.archive.ArchiveOptions;
import dev.jackal.core.archive.Checksums;
import dev.jackal.core.archive.PackageArchiver;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Package archives made by hand as an attacker would: laid out as create lays them out, every checksum and the
 * aggregate right, an SBOM inside, but the names chosen freely.
 */
final class CraftedPackages {

    private CraftedPackages() {}

    static Path withNames(Path work, String packageName, String componentName) throws IOException {
        Path dir = Files.createDirectories(
                Files.createTempDirectory(work, "crafted-").resolve("pkg"));
        try (OutputStream file = Files.newOutputStream(dir.resolve("sboms.tar"));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            byte[] body = "{\"bomFormat\":\"CycloneDX\"}\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("jackal-component-x.json");
            entry.setSize(body.length);
            tar.putArchiveEntry(entry);
            tar.write(body);
            tar.closeArchiveEntry();
        }
        String aggregate = Checksums.write(dir);
        Files.writeString(
                dir.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: "%s"
                  version: 0.0.1
                  architecture: amd64
                  aggregateChecksum: %s
                components:
                  - name: "%s"
                    required: true
                    actions:
                      onDeploy:
                        before:
                          - cmd: touch deployed-marker
                """
                        .formatted(escape(packageName), aggregate, escape(componentName)));
        Path archive = dir.resolveSibling("jackal-package-crafted-amd64.tar.zst");
        PackageArchiver.archive(dir, archive, ArchiveOptions.defaults());
        return archive;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
