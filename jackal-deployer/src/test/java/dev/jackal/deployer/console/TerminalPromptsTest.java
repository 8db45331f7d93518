package dev.jackal.deployer.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.deploy.ComponentSelector;
import dev.jackal.core.deploy.DeployCancelledException;
import dev.jackal.core.deploy.DeployPreview;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.JackalPackage;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The terminal prompts, fed typed answers; selection and variables go through the real core logic. */
class TerminalPromptsTest {

    static final JackalPackage PKG = DefinitionReader.parse(
                    Path.of("jackal.yaml"),
                    """
                    kind: JackalPackageConfig
                    metadata:
                      name: prompts
                    variables:
                      - name: DOMAIN
                        default: example.test
                        prompt: true
                      - name: TOKEN
                        sensitive: true
                        prompt: true
                    components:
                      - name: small
                        group: size
                        default: true
                      - name: large
                        group: size
                      - name: extras
                        default: true
                      - name: debug
                    """,
                    DefinitionReader.Strictness.LENIENT)
            .pkg();

    final StringWriter screen = new StringWriter();

    private TerminalPrompts typing(String answers, String secret) {
        return new TerminalPrompts(
                new BufferedReader(new StringReader(answers)), new PrintWriter(screen, true), prompt -> {
                    screen.append(prompt);
                    return secret.toCharArray();
                });
    }

    @Test
    void groupChoiceAndOptionalComponents() {
        // group: pick 2 (large); extras: Enter keeps its default yes; debug: Enter keeps no, after a bad answer
        TerminalPrompts prompts = typing("2\n\nmaybe\n\n", "");
        List<Component> selected = ComponentSelector.select(PKG.components(), "", prompts.components());
        assertEquals(
                List.of("large", "extras"),
                selected.stream().map(Component::name).toList());
        assertTrue(screen.toString().contains("1) small"), screen.toString());
        assertTrue(screen.toString().contains("Component [1]: "), "the default member is suggested");
    }

    @Test
    void variablesAreAskedAndSecretsReadWithoutEcho() {
        TerminalPrompts prompts = typing("\n", "typed-secret");
        var values = dev.jackal.core.deploy.DeployVariables.resolve(PKG, java.util.Map.of(), prompts.variables());
        assertEquals("example.test", values.get("###JACKAL_VAR_DOMAIN###").value(), "Enter keeps the default");
        assertEquals("typed-secret", values.get("###JACKAL_VAR_TOKEN###").value());
        assertFalse(screen.toString().contains("typed-secret"), screen.toString());
    }

    @Test
    void confirmScreenThenAnswer() {
        DeployPreview preview = new DeployPreview("kind: JackalPackageConfig\n", List.of("small"), List.of(), false);
        assertTrue(typing("y\n", "").confirm(preview));
        assertTrue(screen.toString().contains("Components to deploy: small"), screen.toString());
        assertTrue(screen.toString().contains("does NOT contain an SBOM"), screen.toString());
        assertFalse(typing("\n", "").confirm(preview), "the default answer is no");
        assertThrows(DeployCancelledException.class, () -> typing("", "").confirm(preview));
    }
}
