package dev.jackal.cluster;

import java.util.List;

/**
 * The names a {@link RegistryListRequest} found, in the order the registry gave them.
 *
 * @param registry the registry asked (its address, also when a port-forward carried the requests)
 * @param names repositories or tags
 */
public record RegistryListResult(String registry, List<String> names) {
    public RegistryListResult {
        names = List.copyOf(names);
    }
}
