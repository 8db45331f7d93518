package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a variable's value is used: as text, or as the path of a file whose contents are used. */
public enum VariableType {
    @JsonProperty("raw")
    RAW,
    @JsonProperty("file")
    FILE
}
