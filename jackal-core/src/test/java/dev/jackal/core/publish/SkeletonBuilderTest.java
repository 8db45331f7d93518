package dev.jackal.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.JackalException;
import dev.jackal.core.archive.Checksums;
import dev.jackal.core.archive.ExtractOptions;
import dev.jackal.core.archive.SafeExtractor;
import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.layout.PackageLayout;
import dev.jackal.core.model.ChartSpec;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.JackalPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The skeleton of a package directory (spec §3.6): local assets copied into each component as create lays them out,
 * a local chart as its raw directory, paths rewritten to those places, URLs and images left as they are, local
 * imports composed in, architecture {@code skeleton}, checksums that verify.
 */
class SkeletonBuilderTest {

    @TempDir
    Path work;

    @Test
    void localAssetsAreCopiedAndTheirPathsRewritten() throws Exception {
        Path dir = Files.createDirectories(work.resolve("pkg"));
        Files.createDirectories(dir.resolve("chart/templates"));
        Files.writeString(dir.resolve("chart/Chart.yaml"), "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        Files.writeString(dir.resolve("chart/templates/cm.yaml"), "kind: ConfigMap\n");
        Files.writeString(dir.resolve("values.yaml"), "replicas: 2\n");
        Files.writeString(dir.resolve("cm.yaml"), "kind: ConfigMap\n");
        Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\n");
        Files.createDirectories(dir.resolve("shared"));
        Files.writeString(dir.resolve("shared/note.txt"), "shared\n");
        Files.writeString(
                dir.resolve("shared/jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: shared
                components:
                  - name: common
                    files:
                      - source: note.txt
                        target: /etc/note.txt
                """);
        Files.writeString(
                dir.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: skel
                  version: 2.0.0
                components:
                  - name: web
                    required: true
                    images:
                      - ghcr.io/acme/web:1.0
                    charts:
                      - name: web
                        version: 0.1.0
                        namespace: web
                        localPath: chart
                        valuesFiles:
                          - values.yaml
                          - https://example.com/values.yaml
                    manifests:
                      - name: extra
                        namespace: web
                        files:
                          - cm.yaml
                    files:
                      - source: run.sh
                        target: /usr/local/bin/run
                      - source: https://example.com/tool
                        target: /usr/local/bin/tool
                  - name: common
                    import:
                      path: shared
                """);

        PackageLayout layout = new PackageLayout(work.resolve("out"));
        JackalPackage pkg = SkeletonBuilder.build(dir, "", layout, work.resolve("staging"));

        assertEquals("skeleton", pkg.metadata().architecture());
        assertEquals("skeleton", pkg.build().architecture());
        Checksums.verify(layout.root(), pkg.metadata().aggregateChecksum());
        JackalPackage stored = DefinitionReader.read(layout.definition(), DefinitionReader.Strictness.LENIENT)
                .pkg();
        assertEquals(pkg.metadata().aggregateChecksum(), stored.metadata().aggregateChecksum());

        Component web = stored.components().get(0);
        assertEquals(List.of("ghcr.io/acme/web:1.0"), web.images(), "images are named, not pulled");
        ChartSpec chart = web.charts().get(0);
        assertEquals("charts/web-0", chart.localPath());
        assertEquals(List.of("values/web-0.1.0-0", "https://example.com/values.yaml"), chart.valuesFiles());
        assertEquals(List.of("manifests/extra-0.yaml"), web.manifests().get(0).files());
        assertEquals("files/0/run", web.files().get(0).source());
        assertEquals("https://example.com/tool", web.files().get(1).source());

        Component common = stored.components().get(1);
        assertEquals("common", common.name());
        assertEquals(null, common.importSpec(), "the import is composed in");
        assertEquals("files/0/note.txt", common.files().get(0).source());

        Path unpacked = work.resolve("unpacked");
        SafeExtractor.extract(layout.componentTar("web"), unpacked, ExtractOptions.defaults());
        assertEquals(
                "apiVersion: v2\nname: web\nversion: 0.1.0\n", read(unpacked.resolve("web/charts/web-0/Chart.yaml")));
        assertTrue(Files.isRegularFile(unpacked.resolve("web/charts/web-0/templates/cm.yaml")));
        assertEquals("replicas: 2\n", read(unpacked.resolve("web/values/web-0.1.0-0")));
        assertEquals("kind: ConfigMap\n", read(unpacked.resolve("web/manifests/extra-0.yaml")));
        assertEquals("#!/bin/sh\n", read(unpacked.resolve("web/files/0/run")));
        SafeExtractor.extract(layout.componentTar("common"), unpacked, ExtractOptions.defaults());
        assertEquals("shared\n", read(unpacked.resolve("common/files/0/note.txt")));
        assertFalse(Files.exists(layout.images()), "a skeleton has no images");
    }

    @Test
    void aMissingAssetNamesItsPath() throws Exception {
        Path dir = Files.createDirectories(work.resolve("broken"));
        Files.writeString(
                dir.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: broken
                  version: 1.0.0
                components:
                  - name: web
                    files:
                      - source: missing.txt
                        target: /etc/missing.txt
                """);
        // composition checks local sources before anything is copied
        JackalException missing = assertThrows(
                JackalException.class,
                () -> SkeletonBuilder.build(
                        dir, "", new PackageLayout(work.resolve("out2")), work.resolve("staging2")));
        assertTrue(missing.getMessage().contains("missing.txt"), missing.getMessage());
        assertFalse(missing.getMessage().contains("\n"), missing.getMessage());
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
