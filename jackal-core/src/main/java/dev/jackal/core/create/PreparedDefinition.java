package dev.jackal.core.create;

import dev.jackal.core.model.JackalPackage;
import java.nio.file.Path;
import java.util.List;

/**
 * A definition ready to build: composed, templated and checked.
 *
 * @param pkg the package as it will be written into the archive (without {@code build} yet)
 * @param baseDir the package directory; local paths are relative to it
 * @param warnings what the user should hear (deprecations)
 * @param definitionFiles the definition files composition read (the head's and every {@code import.path} one's)
 * @param localOnly whether every import was a local directory ({@link
 *     dev.jackal.core.compose.Composer.Result#localOnly()})
 */
public record PreparedDefinition(
        JackalPackage pkg, Path baseDir, List<String> warnings, List<Path> definitionFiles, boolean localOnly) {

    public PreparedDefinition {
        warnings = List.copyOf(warnings);
        definitionFiles = List.copyOf(definitionFiles);
    }
}
