package dev.jackal.core.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Create → split → join → extract → verify, with the component tar extracted in turn. */
class RoundTripTest {

    @TempDir
    Path temp;

    @Test
    void aPackageSurvivesTheWholeJourney() throws IOException {
        Path component = temp.resolve("build/web");
        Trees.mode(Trees.write(component, "files/0/start.sh", "#!/bin/sh\nexec web\n"), "rwx------");
        Trees.text(component, "manifests/web-0.yaml", 50_000, 1);
        Files.createSymbolicLink(component.resolve("files/current"), Path.of("0/start.sh"));
        Path pkg = temp.resolve("pkg");
        Files.createDirectories(pkg.resolve("components"));
        ReproducibleTar.write(component, "web", pkg.resolve("components/web.tar"));
        Trees.gzipped(pkg, "images/blobs/sha256/aaaa", 1_500_000, 2);
        Trees.text(pkg, "images/blobs/sha256/bbbb", 2_000_000, 3);
        Trees.write(pkg, "images/index.json", "{\"manifests\":[]}");
        String aggregate = Checksums.write(pkg);
        Trees.write(pkg, "jackal.yaml", "metadata:\n  aggregateChecksum: " + aggregate + "\n");

        Path archive = temp.resolve("out/jackal-package-web-amd64.tar.zst");
        Files.createDirectories(archive.getParent());
        PackageArchiver.archive(pkg, archive, ArchiveOptions.defaults());
        Path part000 = SplitArchive.split(archive, 1).orElseThrow();
        assertTrue(Files.notExists(archive));
        List<String> parts = Trees.listing(archive.getParent());
        Path loaded = temp.resolve("load");
        try (SplitInput in = SplitArchive.open(part000, Optional.empty())) {
            PackageExtractor.extract(in, part000, loaded, "jackal.yaml", definition -> aggregate);
            in.verify();
        }
        assertEquals(parts, Trees.listing(archive.getParent()), "the parts are read where they are");
        Checksums.verify(loaded, aggregate);
        Path components = temp.resolve("components");
        SafeExtractor.extract(loaded.resolve("components/web.tar"), components, ExtractOptions.defaults());
        assertEquals("#!/bin/sh\nexec web\n", Files.readString(components.resolve("web/files/current")));
        assertEquals(
                Files.readString(component.resolve("manifests/web-0.yaml")),
                Files.readString(components.resolve("web/manifests/web-0.yaml")));
        assertTrue(Files.isExecutable(components.resolve("web/files/0/start.sh")));
    }
}
