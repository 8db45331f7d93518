package dev.jackal.core.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitPackageLocatorTest {

    @TempDir
    Path root;

    @Test
    void takesTheFirstPlaceThatHasIt() throws Exception {
        Path work = Files.createDirectories(root.resolve("work"));
        Path jar = Files.createDirectories(root.resolve("jar"));
        Path cache = Files.createDirectories(root.resolve("cache"));
        InitPackageLocator locator = new InitPackageLocator(
                "amd64", "0.1.0", InitPackageLocator.standardPlaces(work, Optional.of(jar), cache));
        Files.writeString(cache.resolve("jackal-init-amd64-0.1.0.tar.zst"), "c");
        assertEquals(cache.resolve("jackal-init-amd64-0.1.0.tar.zst"), locator.locate());
        Files.writeString(jar.resolve("jackal-init-amd64-0.1.0.tar.zst"), "j");
        assertEquals(jar.resolve("jackal-init-amd64-0.1.0.tar.zst"), locator.locate());
        Files.writeString(work.resolve("jackal-init-amd64-0.1.0.tar.zst"), "w");
        assertEquals(work.resolve("jackal-init-amd64-0.1.0.tar.zst"), locator.locate());
    }

    @Test
    void anotherVersionOrArchitectureIsNotTakenAndTheMessageListsEveryPlace() throws Exception {
        Path work = Files.createDirectories(root.resolve("work"));
        Files.writeString(work.resolve("jackal-init-amd64-0.0.9.tar.zst"), "old");
        Files.writeString(work.resolve("jackal-init-arm64-0.1.0.tar.zst"), "arm");
        Path cache = root.resolve("no-cache-yet");
        InitPackageLocator locator = new InitPackageLocator(
                "amd64", "0.1.0", InitPackageLocator.standardPlaces(work, Optional.empty(), cache));
        PackageLoadException e = assertThrows(PackageLoadException.class, locator::locate);
        assertTrue(
                e.getMessage()
                        .startsWith("no init package jackal-init-amd64-0.1.0.tar.zst found; looked in " + work + ", "
                                + cache),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
