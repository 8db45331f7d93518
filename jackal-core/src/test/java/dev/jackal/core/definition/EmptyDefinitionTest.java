package dev.jackal.core.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A definition with no content says so, whichever way it is empty. */
class EmptyDefinitionTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "# only a comment\n", "---\n"})
    void emptyDocumentIsNamedAsSuch(String yaml) {
        Path file = Path.of("jackal.yaml");
        DefinitionException e = assertThrows(
                DefinitionException.class,
                () -> DefinitionReader.parse(file, yaml, DefinitionReader.Strictness.STRICT));
        assertEquals(
                "jackal.yaml: the file is empty; a definition needs at least 'kind', 'metadata' and 'components'",
                e.getMessage());
    }
}
