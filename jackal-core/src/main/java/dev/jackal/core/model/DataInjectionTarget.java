package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The pod, container and path a data injection goes to. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DataInjectionTarget(String namespace, String selector, String container, String path) {}
