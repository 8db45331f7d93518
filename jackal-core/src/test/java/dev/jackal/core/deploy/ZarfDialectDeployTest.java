package dev.jackal.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.action.ActionRunner;
import dev.jackal.core.action.Redactor;
import dev.jackal.core.definition.DefinitionException;
import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.model.Action;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.template.DeployTemplater;
import dev.jackal.core.template.TemplateValue;
import dev.jackal.core.wait.ClusterWaiter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A package built by Zarf keeps Zarf's names at deploy: {@code ###ZARF_*###} markers and {@code ZARF_VAR_X}. */
class ZarfDialectDeployTest {

    @TempDir
    Path dir;

    private static JackalPackage read(String file, String kind) {
        return DefinitionReader.parse(
                        Path.of(file),
                        """
                        kind: %s
                        metadata:
                          name: p
                        build:
                          version: v0.32.6
                          lastNonBreakingVersion: v0.27.0
                        constants:
                          - name: TEAM
                            value: blue
                        variables:
                          - name: GREETING
                            default: hello
                        components:
                          - name: a
                        """
                                .formatted(kind),
                        DefinitionReader.Strictness.LENIENT)
                .pkg();
    }

    private static final JackalPackage ZARF = read("zarf.yaml", "ZarfPackageConfig");
    private static final JackalPackage JACKAL = read("jackal.yaml", "JackalPackageConfig");

    @Test
    void zarfPackageResolvesZarfMarkersAndLeavesJackalOnes() {
        Map<String, TemplateValue> values = DeployVariables.resolve(ZARF, Map.of("extra", "x"), Optional.empty());
        assertEquals(
                java.util.Set.of("###ZARF_VAR_EXTRA###", "###ZARF_VAR_GREETING###", "###ZARF_CONST_TEAM###"),
                values.keySet());
        DeployTemplater templater = new DeployTemplater(values, EventHandler.NONE, PackageDialect.ZARF);
        assertEquals(
                "hi hello blue x ###JACKAL_VAR_GREETING### ###ZARF_VAR_UNKNOWN###",
                templater.line("hi ###ZARF_VAR_GREETING### ###ZARF_CONST_TEAM### ###ZARF_VAR_EXTRA###"
                        + " ###JACKAL_VAR_GREETING### ###ZARF_VAR_UNKNOWN###"));
        assertEquals(
                Map.of("ZARF_VAR_EXTRA", "x", "ZARF_VAR_GREETING", "hello", "ZARF_CONST_TEAM", "blue"),
                DeployVariables.environment(values));

        Map<String, TemplateValue> jackal = DeployVariables.resolve(JACKAL, Map.of(), Optional.empty());
        assertEquals(
                "hello ###ZARF_VAR_GREETING###",
                new DeployTemplater(jackal, EventHandler.NONE)
                        .line("###JACKAL_VAR_GREETING### ###ZARF_VAR_GREETING###"),
                "a jackal package keeps jackal's markers only");
    }

    @Test
    void zarfActionsSeeZarfVariablesTerraformAliasesAndDotSlashZarf() {
        ActionRunner runner = new ActionRunner(
                EventHandler.NONE,
                dir,
                Map.of("ZARF_VAR_GREETING", "hello"),
                Redactor.none(),
                "echo self ",
                ClusterWaiter.NONE,
                PackageDialect.ZARF);
        Action action = new Action(
                null,
                null,
                null,
                null,
                null,
                "./zarf says $ZARF_VAR_GREETING $TF_VAR_greeting",
                null,
                null,
                null,
                null,
                null);
        assertEquals("self says hello hello", runner.run(action, null));
    }

    @Test
    void zarfTempMarkerInAFileTargetIsThePackageDirectory() {
        FileDeployer files = new FileDeployer(
                EventHandler.NONE,
                new DeployTemplater(Map.of(), EventHandler.NONE, PackageDialect.ZARF),
                Path.of("/pkg"),
                Path.of("/home/u"));
        assertEquals(Path.of("/pkg/bin/k3s"), files.target("###ZARF_TEMP###/bin/k3s"));
        assertEquals(Path.of("###JACKAL_TEMP###/bin/k3s"), files.target("###JACKAL_TEMP###/bin/k3s"));
    }

    @Test
    void zarfLastNonBreakingVersionIsNotComparedWithJackals() {
        assertEquals(Optional.empty(), CliCompatibility.warning(ZARF, "0.1.0"), "v0.27.0 is a Zarf version");
        assertTrue(CliCompatibility.warning(JACKAL, "0.1.0").isPresent(), "the same field in a jackal package warns");
    }

    @Test
    void aKindIsCheckedAgainstTheKindsOfItsFile() {
        DefinitionException zarf = assertThrows(DefinitionException.class, () -> read("zarf.yaml", "ZarfBundleConfig"));
        assertTrue(zarf.getMessage().contains("use one of: ZarfPackageConfig, ZarfInitConfig"), zarf.getMessage());
        DefinitionException jackal =
                assertThrows(DefinitionException.class, () -> read("jackal.yaml", "JackalBundleConfig"));
        assertTrue(
                jackal.getMessage().contains("use one of: JackalPackageConfig, JackalInitConfig"), jackal.getMessage());
        assertFalse(jackal.getMessage().contains("Zarf"), jackal.getMessage());
    }
}
