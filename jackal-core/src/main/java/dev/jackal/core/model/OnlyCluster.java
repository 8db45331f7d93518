package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Cluster filters of {@code only.cluster}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record OnlyCluster(String architecture, List<String> distros) {

    public OnlyCluster {
        distros = Values.list(distros, "distros");
    }
}
