package dev.jackal.core.oci;

import java.util.Optional;

/**
 * Pull from another place than a reference names, as {@code --registry-override src=dst}: every reference
 * whose name is {@code source} or starts with {@code source/} is pulled from {@code target} instead (the rest of
 * the name appended). The image keeps its original name in the package.
 *
 * @param source a registry host or a name prefix, e.g. {@code docker.io} or {@code docker.io/library}
 * @param target a registry host, optionally with a path prefix, e.g. {@code mirror.example:5000/hub}
 */
public record RegistryOverride(String source, String target) {

    public RegistryOverride {
        if (source == null || source.isBlank() || target == null || target.isBlank()) {
            throw new IllegalArgumentException("a registry override needs a source and a target");
        }
        source = strip(source);
        target = strip(target);
    }

    /** Parses {@code src=dst}. */
    public static RegistryOverride parse(String text) {
        int equals = text == null ? -1 : text.indexOf('=');
        if (equals <= 0 || equals == text.length() - 1) {
            throw new IllegalArgumentException("a registry override is src=dst, not " + text);
        }
        return new RegistryOverride(text.substring(0, equals), text.substring(equals + 1));
    }

    /** Where to pull {@code reference} from, if this override applies to it. */
    public Optional<ImageReference> apply(ImageReference reference) {
        String name = reference.name();
        if (!name.equals(source) && !name.startsWith(source + "/")) {
            return Optional.empty();
        }
        String rest = name.substring(source.length());
        String moved = target + rest;
        int slash = moved.indexOf('/');
        if (slash < 0) {
            throw new InvalidReferenceException(moved, "override " + this + " leaves no repository for " + reference);
        }
        ImageReference relocated = reference.withRegistry(moved.substring(0, slash));
        String repository = moved.substring(slash + 1);
        return Optional.of(relocated.withRepository(repository));
    }

    private static String strip(String value) {
        String trimmed = value.strip();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    @Override
    public String toString() {
        return source + "=" + target;
    }
}
