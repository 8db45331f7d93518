package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Raw manifests and kustomizations, deployed as one generated chart. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ManifestSpec(
        String name,
        String namespace,
        List<String> files,
        List<String> kustomizations,
        Boolean kustomizeAllowAnyDirectory,
        Boolean noWait) {

    public ManifestSpec {
        files = Values.list(files, "files");
        kustomizations = Values.list(kustomizations, "kustomizations");
    }
}
