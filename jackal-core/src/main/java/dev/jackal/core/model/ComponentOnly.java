package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Filters that decide where a component applies ({@code only:}). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ComponentOnly(String localOS, OnlyCluster cluster, String flavor) {}
