package dev.jackal.cluster.state;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Where images go and how to reach it (spec §7.3 {@code registryInfo}).
 *
 * @param nodePort the self-hosted registry's node port (kept for an external registry too, as Zarf does)
 * @param internalRegistry true when jackal runs the registry in the cluster
 * @param secret the registry's HTTP secret (48 characters)
 */
@JsonPropertyOrder({
    "pushUsername",
    "pushPassword",
    "pullUsername",
    "pullPassword",
    "address",
    "nodePort",
    "internalRegistry",
    "secret"
})
public record RegistryInfo(
        String pushUsername,
        String pushPassword,
        String pullUsername,
        String pullPassword,
        String address,
        int nodePort,
        boolean internalRegistry,
        String secret) {

    @Override
    public String toString() {
        return "RegistryInfo[pushUsername=" + pushUsername + ", pushPassword=" + Sanitized.secret(pushPassword)
                + ", pullUsername=" + pullUsername + ", pullPassword=" + Sanitized.secret(pullPassword)
                + ", address=" + address + ", nodePort=" + nodePort + ", internalRegistry=" + internalRegistry
                + ", secret=" + Sanitized.secret(secret) + "]";
    }
}
