package dev.jackal.core.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.event.EventHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names in a package are hostile input: the loader refuses bad ones before it extracts, writes or sends more. */
class PackageLoaderNamesTest {

    @TempDir
    Path work;

    private static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private void assertRefused(Path archive, String field, String problem) throws IOException {
        Path temp = Files.createDirectories(work.resolve("temp"));
        Path sboms = Files.createDirectories(work.resolve("sboms"));
        List<String> before = tree(work);
        PackageLoadException e = assertThrows(PackageLoadException.class, () -> {
            try (LoadedPackage loaded = new PackageLoader(EventHandler.NONE, temp).load(archive, Optional.empty())) {
                loaded.writeSboms(sboms);
            }
        });
        assertTrue(e.getMessage().contains("jackal.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains(field + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertEquals(before, tree(work), "nothing is written anywhere, temporary files are gone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a;touch x", "UPPER", "a/b", ""})
    void aHostilePackageNameIsRefused(String name) throws IOException {
        Path archive = CraftedPackages.withNames(work, name, "fine");
        assertRefused(archive, "metadata.name", name.isEmpty() ? "is required" : "'" + name + "' is not valid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a;touch x", "UPPER", ".."})
    void aHostileComponentNameIsRefused(String name) throws IOException {
        Path archive = CraftedPackages.withNames(work, "fine", name);
        assertRefused(archive, "components[0].name", "'" + name + "' is not valid");
    }

    @Test
    void theSamePackageWithGoodNamesLoads() throws IOException {
        Path archive = CraftedPackages.withNames(work, "fine", "also-fine");
        Path sboms = work.resolve("sboms");
        try (LoadedPackage loaded = new PackageLoader(EventHandler.NONE, work).load(archive, Optional.empty())) {
            assertEquals("fine", loaded.pkg().metadata().name());
            assertEquals(Optional.of(sboms.resolve("fine")), loaded.writeSboms(sboms));
        }
        assertTrue(Files.isRegularFile(sboms.resolve("fine/jackal-component-x.json")));
    }
}
