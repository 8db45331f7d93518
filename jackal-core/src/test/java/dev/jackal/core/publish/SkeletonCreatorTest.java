package dev.jackal.core.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.archive.Checksums;
import dev.jackal.core.archive.ExtractOptions;
import dev.jackal.core.archive.SafeExtractor;
import dev.jackal.core.compose.SkeletonArchive;
import dev.jackal.core.compose.SkeletonImportException;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.create.CreateOptions;
import dev.jackal.core.create.CreateResult;
import dev.jackal.core.create.ImageStep;
import dev.jackal.core.create.PackageCreator;
import dev.jackal.core.definition.DefinitionException;
import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.JackalPackage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The skeleton archive of a package directory ({@code jackal:skeleton}): normal layout and checksums, architecture
 * {@code skeleton}, local assets inside, no images, the same bytes for the same sources and time; and composing a
 * package from it, by {@code import.path} to its unpacked directory and by {@code import.maven}.
 */
class SkeletonCreatorTest {

    @TempDir
    Path work;

    private static final Instant WHEN = Instant.parse("2026-01-01T00:00:00Z");

    private Path producer() throws Exception {
        return producer(true);
    }

    private Path producer(boolean remoteFile) throws Exception {
        Path dir = Files.createDirectories(work.resolve("producer"));
        Files.createDirectories(dir.resolve("chart/templates"));
        Files.writeString(dir.resolve("chart/Chart.yaml"), "apiVersion: v2\nname: db\nversion: 0.1.0\n");
        Files.writeString(
                dir.resolve("chart/templates/cm.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db\ndata:\n  a: b\n");
        Files.writeString(dir.resolve("values.yaml"), "replicas: 2\n");
        Files.writeString(dir.resolve("schema.sql"), "create table t (id int);\n");
        Files.writeString(
                dir.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: postgres
                components:
                  - name: postgres
                    required: true
                    images:
                      - docker.io/library/postgres:16
                    charts:
                      - name: db
                        version: 0.1.0
                        namespace: db
                        localPath: chart
                        valuesFiles:
                          - values.yaml
                    files:
                      - source: schema.sql
                        target: /opt/db/schema.sql
                %s"""
                        .formatted(
                                remoteFile
                                        ? "      - source: https://example.invalid/tool\n"
                                                + "        target: /usr/local/bin/tool\n"
                                        : ""));
        return dir;
    }

    private CreateResult skeleton(Path dir, Path out) {
        return new SkeletonCreator(EventHandler.NONE, SkeletonResolver.LOCAL_ONLY)
                .create(new SkeletonRequest(dir, out, "", WHEN, "3.2.0"));
    }

    @Test
    void theSkeletonArchiveHoldsTheLocalAssetsAndNoImagesAndIsReproducible() throws Exception {
        Path dir = producer();
        CreateResult first = skeleton(dir, work.resolve("out1"));
        assertEquals(
                "jackal-package-postgres-skeleton-3.2.0.tar.zst",
                first.archive().getFileName().toString());

        Path unpacked = work.resolve("unpacked");
        SafeExtractor.extract(first.archive(), unpacked, ExtractOptions.defaults());
        JackalPackage stored = DefinitionReader.read(
                        unpacked.resolve("jackal.yaml"), DefinitionReader.Strictness.LENIENT)
                .pkg();
        assertEquals("skeleton", stored.metadata().architecture());
        assertEquals("skeleton", stored.build().architecture());
        assertEquals("3.2.0", stored.metadata().version());
        assertEquals("Thu, 01 Jan 2026 00:00:00 +0000", stored.build().timestamp());
        Checksums.verify(unpacked, stored.metadata().aggregateChecksum());
        assertFalse(Files.exists(unpacked.resolve("images")), "a skeleton carries no images");
        assertFalse(Files.exists(unpacked.resolve("sboms.tar")), "nor SBOMs");
        Component component = stored.components().get(0);
        assertEquals(List.of("docker.io/library/postgres:16"), component.images(), "images stay references");
        assertEquals("https://example.invalid/tool", component.files().get(1).source(), "URLs stay URLs");

        SafeExtractor.extract(
                unpacked.resolve("components/postgres.tar"), unpacked.resolve("c"), ExtractOptions.defaults());
        Path root = unpacked.resolve("c/postgres");
        assertEquals(
                "create table t (id int);\n",
                Files.readString(root.resolve(component.files().get(0).source())));
        assertEquals(
                "replicas: 2\n",
                Files.readString(
                        root.resolve(component.charts().get(0).valuesFiles().get(0))));
        Path chart = root.resolve(component.charts().get(0).localPath());
        assertTrue(Files.isRegularFile(chart.resolve("Chart.yaml")), "the raw chart directory: " + chart);
        assertTrue(Files.isRegularFile(chart.resolve("templates/cm.yaml")));

        // later: another machine, another directory, the same sources and time
        Path again = work.resolve("again");
        copyTree(dir, again);
        CreateResult second = skeleton(again, work.resolve("out2"));
        assertArrayEquals(Files.readAllBytes(first.archive()), Files.readAllBytes(second.archive()));
    }

    @Test
    void aPackageComposesAComponentOfASkeletonByItsDirectoryItsArchiveAndMavenCoordinates() throws Exception {
        CreateResult skeleton = skeleton(producer(false), work.resolve("out"));
        Path consumer = Files.createDirectories(work.resolve("consumer"));
        Path skeletonDir = SkeletonArchive.unpack(
                skeleton.archive(), consumer.resolve("target/jackal/skeletons/com.acme/postgres"), "com.acme:postgres");
        // unpacking the same archive again keeps the directory
        Path marker = skeletonDir.resolve(".jackal-skeleton.sha256");
        long unpackedAt = Files.getLastModifiedTime(marker).toMillis();
        SkeletonArchive.unpack(skeleton.archive(), skeletonDir, "com.acme:postgres");
        assertEquals(unpackedAt, Files.getLastModifiedTime(marker).toMillis());

        for (String importLine : List.of(
                "path: target/jackal/skeletons/com.acme/postgres",
                "maven: com.acme:postgres",
                "path: ../out/jackal-package-postgres-skeleton-3.2.0.tar.zst")) {
            Files.writeString(
                    consumer.resolve("jackal.yaml"),
                    """
                    kind: JackalPackageConfig
                    metadata:
                      name: shop
                      version: 1.0.0
                    components:
                      - name: db
                        required: true
                        import:
                          %s
                          name: postgres
                    """
                            .formatted(importLine));
            List<String> asked = new ArrayList<>();
            SkeletonResolver resolver = new SkeletonResolver() {
                @Override
                public Path maven(String coordinates) {
                    asked.add(coordinates);
                    return skeletonDir;
                }

                @Override
                public Path unpack(Path archive, String source) {
                    asked.add(source);
                    return SkeletonArchive.unpack(archive, work.resolve("by-path"), source);
                }
            };
            ImageStep noImages = (pkg, images, options) -> List.of();
            String tag = importLine.endsWith(".tar.zst") ? "archive" : importLine.substring(0, 4);
            Path out = work.resolve("pkg-" + tag);
            CreateResult created = new PackageCreator(EventHandler.NONE, resolver, noImages)
                    .create(CreateOptions.builder(consumer)
                            .outputDir(out)
                            .architecture("amd64")
                            .cacheDir(work.resolve("cache"))
                            .skipSbom(true)
                            .timestamp(WHEN)
                            .build());
            assertEquals(
                    importLine.startsWith("maven")
                            ? List.of("com.acme:postgres")
                            : tag.equals("archive")
                                    ? List.of("../out/jackal-package-postgres-skeleton-3.2.0.tar.zst")
                                    : List.of(),
                    asked);
            Component db = created.pkg().components().get(0);
            assertEquals("db", db.name());
            assertEquals(List.of("docker.io/library/postgres:16"), db.images());
            Path pkgDir = work.resolve("unpacked-" + tag);
            SafeExtractor.extract(created.archive(), pkgDir, ExtractOptions.defaults());
            SafeExtractor.extract(pkgDir.resolve("components/db.tar"), pkgDir, ExtractOptions.defaults());
            assertEquals("create table t (id int);\n", Files.readString(pkgDir.resolve("db/files/0/schema.sql")));
            assertEquals("replicas: 2\n", Files.readString(pkgDir.resolve("db/values/db-0.1.0-0")));
            assertTrue(Files.isRegularFile(pkgDir.resolve("db/charts/db-0.1.0.tgz")), "the chart is packaged now");
        }
    }

    @Test
    void importMavenOutsideMavenIsRefusedOnOneLineAtItsLine() throws Exception {
        Path consumer = Files.createDirectories(work.resolve("cli"));
        Files.writeString(
                consumer.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: shop
                components:
                  - name: db
                    import:
                      maven: com.acme:postgres
                """);
        DefinitionException e = assertThrows(DefinitionException.class, () -> new PackageCreator(
                        EventHandler.NONE, SkeletonResolver.LOCAL_ONLY, (p, d, o) -> List.of())
                .create(CreateOptions.builder(consumer)
                        .outputDir(work.resolve("o"))
                        .cacheDir(work.resolve("cache"))
                        .build()));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("jackal.yaml:7:"), e.getMessage());
        assertTrue(e.getMessage().contains("components[0].import.maven: import.maven needs Maven"), e.getMessage());
        assertTrue(e.getMessage().contains("import.url"), e.getMessage());
    }

    @Test
    void importMavenTakesGroupIdColonArtifactIdAndNothingElse() throws Exception {
        Path consumer = Files.createDirectories(work.resolve("bad"));
        Files.writeString(
                consumer.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: shop
                components:
                  - name: db
                    import:
                      maven: com.acme:postgres:3.2.0
                  - name: both
                    import:
                      maven: com.acme:postgres
                      path: ../postgres
                """);
        DefinitionException e = assertThrows(DefinitionException.class, () -> new PackageCreator(
                        EventHandler.NONE, SkeletonResolver.LOCAL_ONLY, (p, d, o) -> List.of())
                .create(CreateOptions.builder(consumer)
                        .outputDir(work.resolve("o"))
                        .cacheDir(work.resolve("cache"))
                        .build()));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertEquals("components[0].import.maven", e.problems().get(0).field(), e.getMessage());
        assertEquals(7, e.problems().get(0).location().line(), e.getMessage());
        assertTrue(
                e.problems()
                        .get(0)
                        .toString()
                        .contains("import maven 'com.acme:postgres:3.2.0' must be" + " groupId:artifactId"),
                e.getMessage());
        assertFalse(e.problems().get(0).toString().contains("\n"));
        assertTrue(e.problems().get(1).message().contains("exactly one of 'path'"), e.getMessage());
    }

    @Test
    void aPackageThatIsNotASkeletonIsRefusedWhenUnpacked() throws Exception {
        Path dir = producer();
        Files.writeString(
                dir.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: plain
                  version: 1.0.0
                components:
                  - name: x
                    files:
                      - source: schema.sql
                        target: /opt/schema.sql
                """);
        CreateResult created = new PackageCreator(
                        EventHandler.NONE, SkeletonResolver.LOCAL_ONLY, (p, d, o) -> List.of())
                .create(CreateOptions.builder(dir)
                        .outputDir(work.resolve("plain"))
                        .architecture("amd64")
                        .cacheDir(work.resolve("cache"))
                        .build());
        SkeletonImportException e = assertThrows(
                SkeletonImportException.class,
                () -> SkeletonArchive.unpack(created.archive(), work.resolve("u"), "com.acme:plain"));
        assertTrue(e.getMessage().contains("is a package for amd64, not a skeleton"), e.getMessage());
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
