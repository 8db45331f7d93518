package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A variable set from the output of an action. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SetVariable(String name, Boolean sensitive, Boolean autoIndent, String pattern, VariableType type) {}
