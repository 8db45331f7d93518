package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Data copied into a running container (deprecated upstream). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DataInjection(String source, DataInjectionTarget target, Boolean compress) {}
