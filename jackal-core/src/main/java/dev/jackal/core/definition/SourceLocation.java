package dev.jackal.core.definition;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A place in a definition file: 1-based line and column.
 *
 * @param file the file, as the user named it
 * @param line the line, from 1; 0 when unknown
 * @param column the column, from 1; 0 when unknown
 */
public record SourceLocation(Path file, int line, int column) {

    public SourceLocation {
        Objects.requireNonNull(file, "file");
    }

    /** {@code jackal.yaml:12:7}, or just the file when the line is unknown. */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column : file.toString();
    }
}
