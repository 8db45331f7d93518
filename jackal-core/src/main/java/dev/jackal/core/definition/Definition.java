package dev.jackal.core.definition;

import dev.jackal.core.model.JackalPackage;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A package definition as read from a file, with the map back to its source.
 *
 * @param pkg the bound definition
 * @param sourceMap where each field is in the file
 */
public record Definition(JackalPackage pkg, SourceMap sourceMap) {

    public Definition {
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(sourceMap, "sourceMap");
    }

    /** The file the definition came from. */
    public Path file() {
        return sourceMap.file();
    }

    public Definition withPackage(JackalPackage replacement) {
        return new Definition(replacement, sourceMap);
    }
}
