package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One action: a command or a wait. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Action(
        Boolean mute,
        Integer maxTotalSeconds,
        Integer maxRetries,
        String dir,
        List<String> env,
        String cmd,
        Shell shell,
        String setVariable,
        List<SetVariable> setVariables,
        String description,
        @JsonProperty("wait") ActionWait waitFor) {

    public Action {
        env = Values.list(env, "env");
        setVariables = Values.list(setVariables, "setVariables");
    }
}
