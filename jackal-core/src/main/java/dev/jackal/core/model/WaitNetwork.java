package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Waits for a network endpoint to answer. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record WaitNetwork(String protocol, String address, String code) {}
