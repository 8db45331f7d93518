package dev.jackal.cluster;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Remove a deployed package, or some of its components ({@code package remove}).
 *
 * @param packageName the package's name as {@code package list} shows it
 * @param components the components to remove (globs as in {@code --components}); empty: all
 * @param workDir where remove actions may write temporary files
 * @param selfCommand what {@code ./jackal } in actions becomes
 */
public record RemoveRequest(String packageName, String components, Path workDir, String selfCommand) {
    public RemoveRequest {
        Objects.requireNonNull(packageName, "packageName");
        components = components == null ? "" : components;
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(selfCommand, "selfCommand");
    }
}
