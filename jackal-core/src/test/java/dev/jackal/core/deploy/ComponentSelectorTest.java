package dev.jackal.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.model.Component;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spec §6.2 and the e2e scenario of §13 item 4 (component choice and groups). */
class ComponentSelectorTest {

    private static final List<Component> COMPONENTS = DefinitionReader.parse(
                    Path.of("jackal.yaml"),
                    """
            kind: JackalPackageConfig
            metadata:
              name: choice
            components:
              - name: base
                required: true
              - name: first-choice
                group: choice
              - name: second-choice
                group: choice
                default: true
              - name: optional-on
                default: true
              - name: optional-off
              - name: extra-one
              - name: extra-two
            """,
                    DefinitionReader.Strictness.LENIENT)
            .pkg()
            .components();

    private static List<String> select(String requested) {
        return ComponentSelector.select(COMPONENTS, requested, Optional.empty()).stream()
                .map(Component::name)
                .toList();
    }

    @Test
    void twoMembersOfOneGroupFail() {
        SelectionException e = assertThrows(SelectionException.class, () -> select("first-choice,second-choice"));
        assertEquals(
                "cannot specify multiple components from the same group: first-choice and second-choice",
                e.getMessage());
    }

    @Test
    void oneMemberOfTheGroupIsDeployedAlone() {
        assertEquals(List.of("base", "first-choice"), select("first-choice"));
    }

    @Test
    void withoutAListTheDefaultsAreDeployed() {
        assertEquals(List.of("base", "second-choice", "optional-on"), select(""));
    }

    @Test
    void globsAndExclusions() {
        assertEquals(List.of("base", "second-choice", "extra-one"), select("extra-*,-extra-two"));
        assertEquals(List.of("base", "second-choice", "optional-off"), select("optional-?ff"));
    }

    @Test
    void unknownNameSuggestsCloseOnes() {
        SelectionException e = assertThrows(SelectionException.class, () -> select("optional-of"));
        assertEquals(
                "no compatible components found: optional-of, suggestions (optional-on, optional-off)", e.getMessage());
    }

    @Test
    void interactiveChoicesAreAsked() {
        ComponentSelector.Prompter prompter = new ComponentSelector.Prompter() {
            @Override
            public int chooseOne(String group, List<Component> members) {
                return 0;
            }

            @Override
            public boolean confirm(Component component, boolean suggested) {
                return component.name().equals("optional-off");
            }
        };
        assertEquals(
                List.of("base", "first-choice", "optional-off"),
                ComponentSelector.select(COMPONENTS, "", Optional.of(prompter)).stream()
                        .map(Component::name)
                        .toList());
    }
}
