package dev.jackal.core.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingAreaTest {

    @TempDir
    Path root;

    @TempDir
    Path out;

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anAreaIsDeletedOnCloseAndADeadRunsAreaByTheNextRun() throws IOException {
        // a run killed with -9: its directory and lock file stay, but nobody holds the lock
        Path dead = Files.createDirectories(root.resolve(StagingArea.PREFIX + "dead"));
        Files.writeString(root.resolve(StagingArea.PREFIX + "dead.lock"), "");
        Files.writeString(dead.resolve("half-written.tar"), "partial");
        // a directory without its lock file: left by a run stopped while deleting its area
        Path debris = Files.createDirectories(root.resolve(StagingArea.PREFIX + "debris/staging"));

        try (StagingArea live = StagingArea.create(root)) {
            assertFalse(Files.exists(dead), "the dead run's area is gone");
            assertFalse(Files.exists(root.resolve(StagingArea.PREFIX + "dead.lock")));
            assertFalse(Files.exists(debris.getParent()), "an area without its lock file is debris");
            try (StagingArea second = StagingArea.create(root)) {
                assertTrue(Files.isDirectory(live.dir()), "a live run's area is left alone");
                assertTrue(Files.isDirectory(second.dir()));
            }
            String name = live.dir().getFileName().toString();
            assertEquals(List.of(name, name + ".lock"), names(root));
        }
        assertEquals(List.of(), names(root));
    }

    @Test
    void aSplitPackageIsPublishedWholeWithPart000LastAndOldPartsRemoved() throws IOException {
        Files.writeString(out.resolve("p.tar.zst.part003"), "from an earlier, larger build");
        Files.writeString(out.resolve("unrelated.part009"), "kept");
        try (StagingArea area = StagingArea.create(root)) {
            Path staged = Files.createDirectories(area.dir().resolve("out"));
            List<Path> parts = List.of(
                    Files.writeString(staged.resolve("p.tar.zst.part000"), "{}"),
                    Files.writeString(staged.resolve("p.tar.zst.part001"), "a"),
                    Files.writeString(staged.resolve("p.tar.zst.part002"), "b"));
            List<Path> published = OutputPublisher.publish(area, parts, out);
            assertEquals(
                    List.of(
                            out.resolve("p.tar.zst.part000"),
                            out.resolve("p.tar.zst.part001"),
                            out.resolve("p.tar.zst.part002")),
                    published);
        }
        assertEquals(
                List.of("p.tar.zst.part000", "p.tar.zst.part001", "p.tar.zst.part002", "unrelated.part009"),
                names(out));
    }

    @Test
    void nothingIsPublishedOnceTheRunIsBeingStopped() throws IOException {
        StagingArea area = StagingArea.create(root);
        Path staged = Files.writeString(area.dir().resolve("p.tar.zst"), "done");
        area.close(); // what the shutdown hook does on SIGTERM
        assertThrows(IOException.class, () -> OutputPublisher.publish(area, List.of(staged), out));
        assertEquals(List.of(), names(out));
    }
}
