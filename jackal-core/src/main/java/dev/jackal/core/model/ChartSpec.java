package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A Helm chart from a Helm repository, OCI, git, or a local directory or archive. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ChartSpec(
        String name,
        String version,
        String url,
        String repoName,
        String gitPath,
        String localPath,
        String namespace,
        String releaseName,
        Boolean noWait,
        List<String> valuesFiles) {

    public ChartSpec {
        valuesFiles = Values.list(valuesFiles, "valuesFiles");
    }
}
