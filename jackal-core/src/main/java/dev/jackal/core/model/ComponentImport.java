package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where a component comes from ({@code import:}): exactly one of a local path or an OCI skeleton URL. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ComponentImport(String name, String path, String url) {}
