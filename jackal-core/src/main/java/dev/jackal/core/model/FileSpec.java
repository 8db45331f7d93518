package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A file placed on the deploying host. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FileSpec(
        String source, String shasum, String target, Boolean executable, List<String> symlinks, String extractPath) {

    public FileSpec {
        symlinks = Values.list(symlinks, "symlinks");
    }
}
