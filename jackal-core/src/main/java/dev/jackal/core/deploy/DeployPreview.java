package dev.jackal.core.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * The confirm screen of {@code package deploy} (spec §6.1 step 4): the definition (sensitive values
 * redacted), the chosen components, each variable as {@code currently set to …}, and the SBOM notice.
 *
 * @param definition the package's {@code jackal.yaml}, already redacted
 * @param components the components that will be deployed, in order
 * @param variables {@code NAME: currently set to 'v' (default)} lines
 * @param hasSbom whether the package carries SBOMs
 */
public record DeployPreview(String definition, List<String> components, List<String> variables, boolean hasSbom) {

    public DeployPreview {
        components = List.copyOf(components);
        variables = List.copyOf(variables);
    }

    /** The screen, line by line. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(definition.strip().lines().toList());
        lines.add("");
        lines.add("Components to deploy: " + (components.isEmpty() ? "(none)" : String.join(", ", components)));
        if (!variables.isEmpty()) {
            lines.add("Variables:");
            variables.forEach(v -> lines.add("  " + v));
        }
        lines.add(
                hasSbom
                        ? "This package has an inventory of all software contained in this package (SBOMs);"
                                + " see them with 'package inspect --sbom-out DIR'."
                        : "This package does NOT contain an SBOM. If you require an SBOM, please contact the"
                                + " creator of this package to request a version that includes an SBOM.");
        return lines;
    }
}
