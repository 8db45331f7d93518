package dev.jackal.cluster;

import dev.jackal.cluster.state.StateOptions;
import dev.jackal.core.load.LoadedPackage;
import java.util.Objects;

/**
 * Initialise a cluster ({@code jackal init}, spec §7): deploy the init package {@code pkg} with {@code deploy}'s
 * choices, creating or keeping the cluster's state as {@code state} (the registry, git and artifact flags) says.
 *
 * @param pkg the loaded init package (kind {@code JackalInitConfig}); the caller keeps ownership and closes it
 */
public record InitRequest(LoadedPackage pkg, DeployOptions deploy, StateOptions state) {
    public InitRequest {
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(deploy, "deploy");
        state = state == null ? StateOptions.DEFAULTS : state;
    }
}
