package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A constant, templated as {@code ###JACKAL_CONST_NAME###}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Constant(String name, String value, String description, Boolean autoIndent, String pattern) {}
