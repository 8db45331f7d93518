package dev.jackal.core.load;

import dev.jackal.core.layout.Directories;
import dev.jackal.core.layout.PackageLayout;
import dev.jackal.core.model.JackalPackage;
import java.nio.file.Path;

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
        Directories.delete(layout.root().getParent());
    }
}
