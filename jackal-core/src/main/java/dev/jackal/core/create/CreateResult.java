package dev.jackal.core.create;

import dev.jackal.core.model.JackalPackage;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code package create} made.
 *
 * @param files the archive, or its {@code .part000} followed by the parts
 * @param pkg the definition stored in the package
 * @param aggregateChecksum the sha256 of its checksums.txt
 */
public record CreateResult(List<Path> files, JackalPackage pkg, String aggregateChecksum) {

    public CreateResult {
        files = List.copyOf(files);
    }

    /** The archive, or the {@code .part000} of a split package. */
    public Path archive() {
        return files.get(0);
    }
}
