package dev.jackal.core.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of bad definitions under {@code definitions/bad/}: each file's first line says
 * {@code # expect: <line> <field> | <message part>}; reading and checking it must give exactly that one
 * problem, at that line and field, with no stack trace in the message.
 */
class BadDefinitionsTest {

    private static final Pattern EXPECT = Pattern.compile("# expect: (\\d+) (\\S+) \\| (.+)");

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path dir =
                Path.of(BadDefinitionsTest.class.getResource("/definitions/bad").toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 25, "the corpus has " + files.size() + " definitions");
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void givesOneClearError(Path file) throws IOException {
        Matcher expect = EXPECT.matcher(Files.readAllLines(file).get(0));
        assertTrue(expect.matches(), "first line of " + file + " must be '# expect: <line> <field> | <message>'");
        int line = Integer.parseInt(expect.group(1));
        String field = expect.group(2);
        String message = expect.group(3);

        DefinitionException e = assertThrows(
                DefinitionException.class,
                () -> DefinitionValidator.check(DefinitionReader.read(file, DefinitionReader.Strictness.STRICT)));

        assertEquals(1, e.problems().size(), e.getMessage());
        DefinitionProblem problem = e.problems().get(0);
        assertEquals(file, problem.location().file());
        assertEquals(line, problem.location().line(), e.getMessage());
        assertEquals(field, problem.field(), e.getMessage());
        assertTrue(problem.message().contains(message), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + (line > 0 ? ":" + line + ":" : "")), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), "leaks an exception name: " + e.getMessage());
        assertFalse(e.getMessage().contains("\tat "), "leaks a stack trace: " + e.getMessage());
        assertFalse(e.getMessage().contains("dev.jackal"), "leaks a class name: " + e.getMessage());
    }
}
