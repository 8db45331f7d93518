package dev.jackal.core.definition;

import dev.jackal.core.JackalException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A package definition cannot be used; carries every problem found, each with file, line and field. */
public final class DefinitionException extends JackalException {
    private static final long serialVersionUID = 1L;

    private final transient List<DefinitionProblem> problems;

    public DefinitionException(List<DefinitionProblem> problems) {
        super(render(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a definition exception needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public static DefinitionException of(SourceLocation location, String field, String message) {
        return new DefinitionException(List.of(new DefinitionProblem(location, field, message)));
    }

    public static DefinitionException of(Path file, String message) {
        return of(new SourceLocation(file, 0, 0), "", message);
    }

    public List<DefinitionProblem> problems() {
        return problems;
    }

    private static String render(List<DefinitionProblem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return problems.size() + " problems in the package definition:\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
