package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Defaults for the actions of a set. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ActionDefaults(
        Boolean mute, Integer maxTotalSeconds, Integer maxRetries, String dir, List<String> env, Shell shell) {

    public ActionDefaults {
        env = Values.list(env, "env");
    }
}
