package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** What {@code package create} records about the build ({@code build:}); never authored. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record BuildData(
        String terminal,
        String user,
        String architecture,
        String timestamp,
        String version,
        List<String> migrations,
        Map<String, String> registryOverrides,
        Boolean differential,
        String differentialPackageVersion,
        List<String> differentialMissing,
        String lastNonBreakingVersion,
        String flavor) {

    public BuildData {
        migrations = Values.list(migrations, "migrations");
        registryOverrides = Values.map(registryOverrides, "registryOverrides");
        differentialMissing = Values.list(differentialMissing, "differentialMissing");
    }
}
