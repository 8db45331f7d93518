package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Waits for a cluster resource or a network endpoint. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ActionWait(WaitCluster cluster, WaitNetwork network) {}
