package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A deploy-time variable, templated as {@code ###JACKAL_VAR_NAME###}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Variable(
        String name,
        String description,
        @JsonProperty("default") String defaultValue,
        Boolean prompt,
        Boolean sensitive,
        Boolean autoIndent,
        String pattern,
        VariableType type) {}
