package dev.jackal.core.remote;

import dev.jackal.core.oci.Digest;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The files of an unpacked package to publish, each with its SHA-256 (checked as it was unpacked, or computed).
 *
 * @param root the package directory
 * @param digests package-relative path ({@code /} separators) to digest, one per file to publish
 */
public record PackageFiles(Path root, Map<String, Digest> digests) {

    public PackageFiles {
        Objects.requireNonNull(root, "root");
        digests = Collections.unmodifiableMap(new TreeMap<>(digests));
    }

    public Path path(String title) {
        return root.resolve(title);
    }
}
