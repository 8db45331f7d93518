package dev.jackal.core.publish;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@link SkeletonCreator} is asked to make.
 *
 * @param packageDir the directory with {@code jackal.yaml}
 * @param outputDir where the skeleton archive goes
 * @param flavor keep only components without a flavor or with this one; empty for none
 * @param timestamp {@code build.timestamp}; a fixed time makes the archive byte-for-byte reproducible; null for
 *     {@code SOURCE_DATE_EPOCH}, else the time of the build
 * @param defaultVersion {@code metadata.version} of a definition that has none (Maven's project version), or null
 */
public record SkeletonRequest(
        Path packageDir, Path outputDir, String flavor, Instant timestamp, String defaultVersion) {

    public SkeletonRequest {
        Objects.requireNonNull(packageDir, "packageDir");
        Objects.requireNonNull(outputDir, "outputDir");
        flavor = flavor == null ? "" : flavor;
        defaultVersion = defaultVersion == null || defaultVersion.isBlank() ? null : defaultVersion.strip();
    }
}
