package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Waits for a cluster resource to reach a condition. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record WaitCluster(String kind, String name, String namespace, String condition) {}
