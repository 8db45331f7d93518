package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The actions of one lifecycle step. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ActionSet(
        ActionDefaults defaults,
        List<Action> before,
        List<Action> after,
        List<Action> onSuccess,
        List<Action> onFailure) {

    public ActionSet {
        before = Values.list(before, "before");
        after = Values.list(after, "after");
        onSuccess = Values.list(onSuccess, "onSuccess");
        onFailure = Values.list(onFailure, "onFailure");
    }
}
