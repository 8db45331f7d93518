package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A package definition: the contents of {@code jackal.yaml}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record JackalPackage(
        String apiVersion,
        PackageKind kind,
        Metadata metadata,
        BuildData build,
        List<Component> components,
        List<Constant> constants,
        List<Variable> variables) {

    public JackalPackage {
        components = Values.list(components, "components");
        constants = Values.list(constants, "constants");
        variables = Values.list(variables, "variables");
    }

    public JackalPackage withKind(PackageKind value) {
        return new JackalPackage(apiVersion, value, metadata, build, components, constants, variables);
    }

    public JackalPackage withMetadata(Metadata value) {
        return new JackalPackage(apiVersion, kind, value, build, components, constants, variables);
    }

    public JackalPackage withBuild(BuildData value) {
        return new JackalPackage(apiVersion, kind, metadata, value, components, constants, variables);
    }

    public JackalPackage withComponents(List<Component> value) {
        return new JackalPackage(apiVersion, kind, metadata, build, value, constants, variables);
    }
}
