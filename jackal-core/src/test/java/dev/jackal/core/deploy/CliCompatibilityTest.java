package dev.jackal.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.model.JackalPackage;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CliCompatibilityTest {

    private static JackalPackage built(String lastNonBreaking) {
        return DefinitionReader.parse(
                        Path.of("jackal.yaml"),
                        """
                        kind: JackalPackageConfig
                        metadata:
                          name: p
                        build:
                          lastNonBreakingVersion: "%s"
                        components:
                          - name: a
                        """
                                .formatted(lastNonBreaking),
                        DefinitionReader.Strictness.LENIENT)
                .pkg();
    }

    @ParameterizedTest(name = "jackal {0} with lastNonBreakingVersion {1}: warns = {2}")
    @CsvSource({
        "0.1.0, v0.1.0, false",
        "v0.2.0, 0.1.9, false",
        "0.1.0-SNAPSHOT, 0.2.0, false",
        "0.1.0-alpha, 0.1.0, true",
        "0.1.0, 0.1.0-rc.1, false",
        "0.1.0-rc.1, v0.1.0, true",
        "0.1.0-rc.2, 0.1.0-rc.10, true",
        "1.0.0, 1.0.1, true",
        "1.10.0, 1.9.0, false",
    })
    void warnsOnlyWhenThisJackalIsOlder(String cli, String needed, boolean warns) {
        Optional<String> warning = CliCompatibility.warning(built(needed), cli);
        assertEquals(warns, warning.isPresent(), warning.toString());
        warning.ifPresent(w -> assertTrue(w.contains(needed) && w.contains(cli), w));
    }

    @ParameterizedTest(name = "not comparable: {0} / {1}")
    @CsvSource({"dev-build, 0.1.0", "0.1.0, later"})
    void unreadableVersionsAreAWarningNotAnError(String cli, String needed) {
        assertTrue(CliCompatibility.warning(built(needed), cli).isPresent());
    }
}
