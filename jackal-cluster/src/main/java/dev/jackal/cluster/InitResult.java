package dev.jackal.cluster;

import dev.jackal.core.state.DeployedPackage;

/**
 * What init left in the cluster.
 *
 * @param deployed the init package's record, as saved in its package secret
 * @param registry where the cluster's images live now, e.g. {@code 127.0.0.1:31999}
 * @param seedRegistry where the injector served the seed image, empty when init did not bootstrap (an external
 *     registry, or the registry component was not selected)
 */
public record InitResult(DeployedPackage deployed, String registry, String seedRegistry) {}
