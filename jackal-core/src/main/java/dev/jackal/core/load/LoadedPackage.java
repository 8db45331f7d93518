package dev.jackal.core.load;

import dev.jackal.core.layout.PackageLayout;
import dev.jackal.core.model.JackalPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A package unpacked into a temporary directory and verified. Closing it deletes the directory.
 *
 * @param source the archive it came from
 * @param layout the unpacked package
 * @param pkg the stored definition
 * @param definitionText {@code jackal.yaml} exactly as stored
 */
public record LoadedPackage(Path source, PackageLayout layout, JackalPackage pkg, String definitionText)
        implements AutoCloseable {

    @Override
    public void close() {
        Path temp = layout.root().getParent();
        try (Stream<Path> walk = Files.walk(temp)) {
            for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + temp, e);
        }
    }
}
