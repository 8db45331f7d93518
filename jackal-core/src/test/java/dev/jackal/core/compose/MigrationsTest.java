package dev.jackal.core.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.model.Action;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.JackalPackage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deprecated-field migrations of spec §11. */
class MigrationsTest {

    private static JackalPackage parse(String components, String build) {
        return DefinitionReader.parse(
                        Path.of("jackal.yaml"),
                        "kind: JackalPackageConfig\nmetadata:\n  name: m\n" + build + "components:\n"
                                + components.indent(2),
                        DefinitionReader.Strictness.STRICT)
                .pkg();
    }

    private static final String OLD =
            """
            - name: old
              group: g
              scripts:
                showOutput: true
                timeoutSeconds: 60
                retry: true
                prepare:
                  - echo prepare
                before:
                  - echo before
                after:
                  - echo after
              actions:
                onDeploy:
                  after:
                    - cmd: echo value
                      setVariable: LEGACY
            """;

    @Test
    void scriptsBecomeActionsAndSetVariableIsPluralized() {
        Migrations.Result result = Migrations.apply(parse(OLD, ""));
        Component c = result.pkg().components().get(0);
        assertNull(c.scripts());
        Action prepare = c.actions().onCreate().before().get(0);
        assertEquals("echo prepare", prepare.cmd());
        assertEquals(Boolean.FALSE, prepare.mute(), "mute = !showOutput");
        assertEquals(60, prepare.maxTotalSeconds());
        assertEquals(Integer.MAX_VALUE, prepare.maxRetries());
        assertEquals(
                List.of("echo before"),
                c.actions().onDeploy().before().stream().map(Action::cmd).toList());
        assertEquals(
                List.of("echo value", "echo after"),
                c.actions().onDeploy().after().stream().map(Action::cmd).toList());
        Action legacy = c.actions().onDeploy().after().get(0);
        assertNull(legacy.setVariable());
        assertEquals("LEGACY", legacy.setVariables().get(0).name());
        assertTrue(
                result.warnings().stream().anyMatch(w -> w.contains("'scripts'")),
                result.warnings().toString());
        assertTrue(
                result.warnings().stream()
                        .anyMatch(w -> w.startsWith("Component old is using group which has been" + " deprecated")),
                result.warnings().toString());
    }

    @Test
    void recordedMigrationsClearTheDeprecatedFieldsInstead() {
        Migrations.Result result = Migrations.apply(
                parse(OLD, "build:\n  migrations:\n    - scripts-to-actions\n    - pluralize-set-variable\n"));
        Component c = result.pkg().components().get(0);
        assertNull(c.scripts());
        assertNull(c.actions().onCreate(), "scripts were cleared, not converted");
        assertNull(c.actions().onDeploy().after().get(0).setVariable());
        assertEquals(List.of(), c.actions().onDeploy().after().get(0).setVariables());
    }
}
