package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One component of a package. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Component(
        String name,
        String description,
        @JsonProperty("default") Boolean isDefault,
        Boolean required,
        ComponentOnly only,
        String group,
        String cosignKeyPath,
        @JsonProperty("import") ComponentImport importSpec,
        List<ManifestSpec> manifests,
        List<ChartSpec> charts,
        List<DataInjection> dataInjections,
        List<FileSpec> files,
        List<String> images,
        List<String> repos,
        DeprecatedScripts scripts,
        Actions actions,
        List<HealthCheck> healthChecks) {

    public Component {
        manifests = Values.list(manifests, "manifests");
        charts = Values.list(charts, "charts");
        dataInjections = Values.list(dataInjections, "dataInjections");
        files = Values.list(files, "files");
        images = Values.list(images, "images");
        repos = Values.list(repos, "repos");
        healthChecks = Values.list(healthChecks, "healthChecks");
    }

    /** This component with {@code value} as its actions. */
    public Component withActions(Actions value) {
        return new Component(
                name,
                description,
                isDefault,
                required,
                only,
                group,
                cosignKeyPath,
                importSpec,
                manifests,
                charts,
                dataInjections,
                files,
                images,
                repos,
                scripts,
                value,
                healthChecks);
    }

    /** This component without the deprecated {@code scripts}. */
    public Component withoutScripts() {
        return new Component(
                name,
                description,
                isDefault,
                required,
                only,
                group,
                cosignKeyPath,
                importSpec,
                manifests,
                charts,
                dataInjections,
                files,
                images,
                repos,
                null,
                actions,
                healthChecks);
    }
}
