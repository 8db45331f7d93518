package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Deprecated {@code scripts:}, migrated to actions when a definition is read. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DeprecatedScripts(
        Boolean showOutput,
        Integer timeoutSeconds,
        Boolean retry,
        List<String> prepare,
        List<String> before,
        List<String> after) {

    public DeprecatedScripts {
        prepare = Values.list(prepare, "prepare");
        before = Values.list(before, "before");
        after = Values.list(after, "after");
    }
}
