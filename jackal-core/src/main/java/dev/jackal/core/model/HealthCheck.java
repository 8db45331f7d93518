package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A resource whose readiness is awaited after the component deploys. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HealthCheck(String apiVersion, String kind, String namespace, String name) {}
