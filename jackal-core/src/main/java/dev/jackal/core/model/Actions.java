package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Actions run on create, deploy and remove. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Actions(ActionSet onCreate, ActionSet onDeploy, ActionSet onRemove) {}
