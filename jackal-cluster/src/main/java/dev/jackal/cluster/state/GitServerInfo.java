package dev.jackal.cluster.state;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Where repositories go (spec §7.3 {@code gitServer}). */
@JsonPropertyOrder({"pushUsername", "pushPassword", "pullUsername", "pullPassword", "address", "internalServer"})
public record GitServerInfo(
        String pushUsername,
        String pushPassword,
        String pullUsername,
        String pullPassword,
        String address,
        boolean internalServer) {

    @Override
    public String toString() {
        return "GitServerInfo[pushUsername=" + pushUsername + ", pushPassword=" + Sanitized.secret(pushPassword)
                + ", pullUsername=" + pullUsername + ", pullPassword=" + Sanitized.secret(pullPassword)
                + ", address=" + address + ", internalServer=" + internalServer + "]";
    }
}
