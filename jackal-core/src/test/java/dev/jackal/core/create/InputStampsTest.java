package dev.jackal.core.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.compose.SkeletonResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link InputStamps}: taken by {@link CreateFingerprint} from every local input it reads, they stay unchanged while
 * nothing is touched, and any edit, added file, other setting or racy modification time makes them changed.
 */
class InputStampsTest {

    @TempDir
    Path work;

    private Path pkg;
    private Path shared;

    /** A package importing a component from a sibling directory, with a file, a manifest and a chart directory. */
    private void writePackage() throws Exception {
        pkg = Files.createDirectories(work.resolve("pkg"));
        shared = Files.createDirectories(work.resolve("shared"));
        Files.writeString(
                pkg.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: stamps
                components:
                  - name: app
                    required: true
                    files:
                      - source: notes.txt
                        target: /opt/notes.txt
                    manifests:
                      - name: base
                        files:
                          - cm.yaml
                  - name: db
                    required: true
                    import:
                      path: ../shared
                """);
        Files.writeString(pkg.resolve("notes.txt"), "one");
        Files.writeString(pkg.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");
        Files.writeString(
                shared.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: shared
                components:
                  - name: db
                    files:
                      - source: schema
                        target: /opt/schema
                """);
        Files.createDirectories(shared.resolve("schema/v1"));
        Files.writeString(shared.resolve("schema/v1/a.sql"), "create table a (id int);");
        ageEverything();
    }

    /** Moves every modification time a minute back, out of the racy window of stamps taken now. */
    private void ageEverything() throws Exception {
        FileTime old = FileTime.from(Instant.now().minusSeconds(60));
        try (Stream<Path> all = Files.walk(work)) {
            for (Path p : all.toList()) {
                Files.setLastModifiedTime(p, old);
            }
        }
    }

    private CreateOptions options(Map<String, String> set) {
        return CreateOptions.builder(pkg)
                .architecture("amd64")
                .cacheDir(work.resolve("cache"))
                .set(set)
                .build();
    }

    private InputStamps stamps() {
        CreateFingerprint fingerprint = CreateFingerprint.of(options(Map.of()), SkeletonResolver.LOCAL_ONLY);
        assertNotNull(fingerprint.stamps(), "a package of local inputs has stamps");
        return fingerprint.stamps();
    }

    @Test
    void everyLocalInputIsStampedTheImportedDefinitionToo() throws Exception {
        writePackage();
        InputStamps stamps = stamps();
        for (Path input : new Path[] {
            pkg.resolve("jackal.yaml"),
            pkg.resolve("notes.txt"),
            pkg.resolve("cm.yaml"),
            shared.resolve("jackal.yaml"),
            shared.resolve("schema"),
            shared.resolve("schema/v1"),
            shared.resolve("schema/v1/a.sql")
        }) {
            assertTrue(
                    stamps.files()
                            .containsKey(input.toAbsolutePath().normalize().toString()),
                    input + " in " + stamps.files().keySet());
        }
        assertTrue(stamps.unchanged(options(Map.of())), "nothing was touched");
    }

    @Test
    void anEditAnAddedFileOrAnotherSettingIsAChange() throws Exception {
        writePackage();
        FileTime old = Files.getLastModifiedTime(pkg.resolve("notes.txt"));

        InputStamps stamps = stamps();
        assertFalse(stamps.unchanged(options(Map.of("X", "1"))), "another set value");

        Files.writeString(pkg.resolve("notes.txt"), "two!");
        Files.setLastModifiedTime(pkg.resolve("notes.txt"), old);
        assertFalse(stamps.unchanged(options(Map.of())), "another size, same time");

        stamps = stamps();
        Files.setLastModifiedTime(
                pkg.resolve("notes.txt"), FileTime.from(old.toInstant().plusSeconds(1)));
        assertFalse(stamps.unchanged(options(Map.of())), "same size, another time");

        stamps = stamps();
        FileTime dirTime = Files.getLastModifiedTime(shared.resolve("schema/v1"));
        Files.writeString(shared.resolve("schema/v1/b.sql"), "");
        Files.setLastModifiedTime(shared.resolve("schema/v1/b.sql"), old);
        Files.setLastModifiedTime(
                shared.resolve("schema/v1"), FileTime.from(dirTime.toInstant().plusSeconds(1)));
        assertFalse(stamps.unchanged(options(Map.of())), "a file added to a directory source of an import");

        stamps = stamps();
        Files.writeString(shared.resolve("jackal.yaml"), Files.readString(shared.resolve("jackal.yaml")) + "# x\n");
        Files.setLastModifiedTime(shared.resolve("jackal.yaml"), old);
        assertFalse(stamps.unchanged(options(Map.of())), "the imported definition");
    }

    @Test
    void anInputModifiedJustBeforeTheStampsIsNeverTrusted() throws Exception {
        writePackage();
        Files.setLastModifiedTime(pkg.resolve("notes.txt"), FileTime.from(Instant.now()));
        InputStamps stamps = stamps();
        assertFalse(stamps.unchanged(options(Map.of())), "racy: it may change again within the same time stamp");

        ageEverything();
        stamps = stamps();
        assertTrue(stamps.unchanged(options(Map.of())));
    }

    @Test
    void remoteSkeletonsAndOfflineCreatesHaveNoStamps() throws Exception {
        writePackage();
        CreateFingerprint offline = CreateFingerprint.of(
                CreateOptions.builder(pkg)
                        .architecture("amd64")
                        .cacheDir(work.resolve("cache"))
                        .offline(true)
                        .build(),
                SkeletonResolver.LOCAL_ONLY);
        assertNull(offline.stamps(), "offline, the cache is an input the stamps do not see");

        SkeletonResolver fromMaven = new SkeletonResolver() {
            @Override
            public Path maven(String coordinates) {
                return shared; // where a build tool would have unpacked the artifact
            }
        };
        Files.writeString(
                pkg.resolve("jackal.yaml"),
                Files.readString(pkg.resolve("jackal.yaml")).replace("path: ../shared", "maven: com.example:shared"));
        CreateFingerprint maven = CreateFingerprint.of(options(Map.of()), fromMaven);
        assertNull(maven.stamps(), "an import.maven skeleton comes from a repository");
        assertEquals(List.of(), maven.unpinned());
    }
}
