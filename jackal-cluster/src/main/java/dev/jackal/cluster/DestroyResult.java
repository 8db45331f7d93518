package dev.jackal.cluster;

import java.util.List;

/**
 * What {@code destroy} removed.
 *
 * @param releases the Helm releases uninstalled, as {@code namespace/name}
 * @param unlabelledNamespaces the namespaces that lost the {@code jackal.dev/agent} label
 * @param secrets the jackal-managed secrets deleted outside the {@code jackal} namespace, as {@code namespace/name}
 */
public record DestroyResult(List<String> releases, List<String> unlabelledNamespaces, List<String> secrets) {
    public DestroyResult {
        releases = List.copyOf(releases);
        unlabelledNamespaces = List.copyOf(unlabelledNamespaces);
        secrets = List.copyOf(secrets);
    }
}
