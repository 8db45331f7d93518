package dev.jackal.cluster.state;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Where artifacts go (spec §7.3 {@code artifactServer}).
 *
 * @param pushPassword the token; empty until the git server makes one
 */
@JsonPropertyOrder({"pushUsername", "pushPassword", "address", "internalServer"})
public record ArtifactServerInfo(String pushUsername, String pushPassword, String address, boolean internalServer) {

    @Override
    public String toString() {
        return "ArtifactServerInfo[pushUsername=" + pushUsername + ", pushPassword=" + Sanitized.secret(pushPassword)
                + ", address=" + address + ", internalServer=" + internalServer + "]";
    }
}
