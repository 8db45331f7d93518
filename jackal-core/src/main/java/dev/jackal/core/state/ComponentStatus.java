package dev.jackal.core.state;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a component's deploy stands, as recorded in the package secret. */
public enum ComponentStatus {
    @JsonProperty("Deploying")
    DEPLOYING,
    @JsonProperty("Succeeded")
    SUCCEEDED,
    @JsonProperty("Failed")
    FAILED,
    @JsonProperty("Removing")
    REMOVING
}
