package dev.jackal.cluster.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The cluster's jackal state, stored as JSON under the key {@code state} of the secret {@code jackal/jackal-state}
 * (spec §7.3, B's shape with jackal's names). {@link #toString()} shows {@code **sanitized**} for every password,
 * token, secret and key, so a state can be logged at debug level.
 *
 * @param jackalAppliance true when init installed the cluster itself (the k3s component)
 * @param distro the detected distribution ({@link Distro})
 * @param architecture the cluster's architecture, e.g. {@code amd64}
 * @param storageClass the storage class charts get, empty for the cluster's default
 * @param loggingSecret the logging stack's password (B)
 */
@JsonPropertyOrder({
    "jackalAppliance",
    "distro",
    "architecture",
    "storageClass",
    "agentTLS",
    "gitServer",
    "registryInfo",
    "artifactServer",
    "loggingSecret"
})
public record JackalState(
        boolean jackalAppliance,
        String distro,
        String architecture,
        String storageClass,
        @JsonProperty("agentTLS") AgentTls agentTls,
        GitServerInfo gitServer,
        RegistryInfo registryInfo,
        ArtifactServerInfo artifactServer,
        String loggingSecret) {

    @Override
    public String toString() {
        return "JackalState[jackalAppliance=" + jackalAppliance + ", distro=" + distro + ", architecture="
                + architecture + ", storageClass=" + storageClass + ", agentTLS=" + agentTls + ", gitServer="
                + gitServer + ", registryInfo=" + registryInfo + ", artifactServer=" + artifactServer
                + ", loggingSecret=" + Sanitized.secret(loggingSecret) + "]";
    }
}
