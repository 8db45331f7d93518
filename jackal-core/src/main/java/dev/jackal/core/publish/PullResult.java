package dev.jackal.core.publish;

import dev.jackal.core.model.JackalPackage;
import java.nio.file.Path;

/**
 * What a pull wrote.
 *
 * @param archive {@code jackal-package-<name>-<arch>-<version>.tar.zst} in the output directory
 * @param pkg the package's definition
 * @param bytesPulled bytes of layers read from the registry
 */
public record PullResult(Path archive, JackalPackage pkg, long bytesPulled) {}
