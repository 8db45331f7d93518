package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The shell to use per operating system. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Shell(String windows, String linux, String darwin) {}
