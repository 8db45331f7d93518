package dev.jackal.core.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.archive.ExtractOptions;
import dev.jackal.core.archive.SafeExtractor;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.event.LogEvent;
import dev.jackal.core.oci.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fixed build time ({@code SOURCE_DATE_EPOCH}, Maven's outputTimestamp) and a default version. */
class ReproducibleBuildTest {

    @TempDir
    Path work;

    private static final ImageStep NO_IMAGES = (p, dir, o) -> List.of();

    private Path writePackage(String version) throws Exception {
        Path pkg = Files.createDirectories(work.resolve("pkg-" + (version == null ? "none" : version)));
        Files.writeString(
                pkg.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: repro
                %s
                components:
                  - name: web
                    required: true
                    files:
                      - source: hello.txt
                        target: /opt/hello.txt
                """
                        .formatted(version == null ? "" : "  version: " + version));
        Files.writeString(pkg.resolve("hello.txt"), "hello\n");
        return pkg;
    }

    private CreateResult create(Path pkg, Path output, CreateOptions.Builder tune, EventHandler events) {
        return new PackageCreator(events, SkeletonResolver.LOCAL_ONLY, NO_IMAGES)
                .create(tune.outputDir(output)
                        .cacheDir(work.resolve("cache"))
                        .architecture("amd64")
                        .build());
    }

    private String definition(Path archive) throws Exception {
        Path unpacked = Files.createTempDirectory(work, "unpacked");
        SafeExtractor.extract(archive, unpacked, ExtractOptions.defaults());
        return Files.readString(unpacked.resolve("jackal.yaml"));
    }

    @Test
    void sourceDateEpochIsWholeSeconds() {
        assertEquals(Optional.of(Instant.parse("2023-11-14T22:13:20Z")), SourceDateEpoch.parse("1700000000"));
        assertEquals(Optional.of(Instant.EPOCH), SourceDateEpoch.parse(" 0 "));
        assertEquals(Optional.empty(), SourceDateEpoch.parse(null));
        assertEquals(Optional.empty(), SourceDateEpoch.parse(""));
        SourceDateEpoch.InvalidTimestampException bad = assertThrows(
                SourceDateEpoch.InvalidTimestampException.class, () -> SourceDateEpoch.parse("2023-01-01"));
        assertEquals("2023-01-01", bad.value());
        assertTrue(bad.getMessage().startsWith("SOURCE_DATE_EPOCH=2023-01-01 is not a number of seconds"));
        assertThrows(SourceDateEpoch.InvalidTimestampException.class, () -> SourceDateEpoch.parse("-5"));
    }

    @Test
    void twoCreatesAtOneFixedTimeGiveTheSameBytesAndTheTimeIsWritten() throws Exception {
        Path pkg = writePackage("1.0.0");
        Instant when = Instant.ofEpochSecond(1_700_000_000L);
        Path first = create(pkg, work.resolve("one"), CreateOptions.builder(pkg).timestamp(when), EventHandler.NONE)
                .archive();
        Thread.sleep(1100);
        Path second = create(
                        pkg, work.resolve("two"), CreateOptions.builder(pkg).timestamp(when), EventHandler.NONE)
                .archive();
        assertEquals(Digest.sha256(Files.readAllBytes(first)), Digest.sha256(Files.readAllBytes(second)));
        assertTrue(definition(first).contains("Tue, 14 Nov 2023 22:13:20 +0000"), definition(first));

        // the control: without a fixed time, creates a second apart differ (build.timestamp)
        Path third = create(pkg, work.resolve("three"), CreateOptions.builder(pkg), EventHandler.NONE)
                .archive();
        assertNotEquals(Digest.sha256(Files.readAllBytes(first)), Digest.sha256(Files.readAllBytes(third)));
    }

    @Test
    void aFixedTimeLeavesHostAndUserOutEvenWhenRecordingIsAskedFor() throws Exception {
        Path pkg = writePackage("1.0.0");
        List<String> warnings = new ArrayList<>();
        EventHandler events = event -> {
            if (event instanceof LogEvent log && log.level() == LogEvent.Level.WARN) {
                warnings.add(log.message());
            }
        };
        Path fixed = create(
                        pkg,
                        work.resolve("fixed"),
                        CreateOptions.builder(pkg).recordBuilder(true).timestamp(Instant.EPOCH),
                        events)
                .archive();
        String written = definition(fixed);
        assertFalse(written.contains("terminal:"), written);
        assertFalse(written.contains("user:"), written);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("host and user names are left out"), warnings.toString());

        Path recorded = create(
                        pkg,
                        work.resolve("recorded"),
                        CreateOptions.builder(pkg).recordBuilder(true),
                        events)
                .archive();
        assertTrue(definition(recorded).contains("terminal:"), definition(recorded));
    }

    @Test
    void theDefaultVersionFillsAMissingVersionOnly() throws Exception {
        Path without = writePackage(null);
        CreateResult defaulted = create(
                without,
                work.resolve("defaulted"),
                CreateOptions.builder(without).defaultVersion("2.3.4-SNAPSHOT"),
                EventHandler.NONE);
        assertEquals("2.3.4-SNAPSHOT", defaulted.pkg().metadata().version());
        assertEquals(
                "jackal-package-repro-amd64-2.3.4-SNAPSHOT.tar.zst",
                defaulted.archive().getFileName().toString());

        Path with = writePackage("1.0.0");
        CreateResult kept = create(
                with, work.resolve("kept"), CreateOptions.builder(with).defaultVersion("9.9.9"), EventHandler.NONE);
        assertEquals("1.0.0", kept.pkg().metadata().version());

        assertThrows(
                IllegalArgumentException.class,
                () -> CreateOptions.builder(with).defaultVersion("../x").build());
    }
}
