package dev.jackal.cluster;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code tools registry catalog} and {@code ls} ask for (spec §10): the repositories of a registry (the
 * cluster's when none is named) or the tags of a repository.
 *
 * @param kind repositories or tags
 * @param target the registry ({@code host[:port]}) for repositories, empty for the cluster's; the repository
 *     ({@code host[:port]/path}) for tags
 * @param insecure allow plain HTTP and accept any certificate, as crane's {@code --insecure}
 */
public record RegistryListRequest(Kind kind, Optional<String> target, boolean insecure) {

    /** Which names to list. */
    public enum Kind {
        /** The registry's repositories ({@code GET /v2/_catalog}). */
        REPOSITORIES,
        /** A repository's tags ({@code GET /v2/<path>/tags/list}). */
        TAGS
    }

    public RegistryListRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        if (kind == Kind.TAGS && target.isEmpty()) {
            throw new IllegalArgumentException("listing tags needs a repository");
        }
    }

    /** The repositories of {@code registry}, or of the cluster's registry when it is null. */
    public static RegistryListRequest catalog(String registry, boolean insecure) {
        return new RegistryListRequest(Kind.REPOSITORIES, Optional.ofNullable(registry), insecure);
    }

    /** The tags of {@code repository}. */
    public static RegistryListRequest tags(String repository, boolean insecure) {
        return new RegistryListRequest(Kind.TAGS, Optional.of(repository), insecure);
    }
}
