package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a component comes from ({@code import:}): exactly one of a local path, an OCI skeleton URL, or the Maven
 * coordinates {@code groupId:artifactId} of a skeleton ({@code tar.zst}, classifier {@code skeleton}) whose version the
 * POM manages.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ComponentImport(String name, String path, String url, String maven) {

    /** An import of a local path or an OCI URL. */
    public ComponentImport(String name, String path, String url) {
        this(name, path, url, null);
    }
}
