package dev.jackal.core.definition;

import java.util.ArrayList;
import java.util.List;

/** Gathers problems, placing each by its YAML path through the source map. */
final class ProblemCollector {

    private final SourceMap sourceMap;
    private final List<DefinitionProblem> problems = new ArrayList<>();

    ProblemCollector(SourceMap sourceMap) {
        this.sourceMap = sourceMap;
    }

    void add(String path, String message) {
        problems.add(new DefinitionProblem(sourceMap.locate(path), path, message));
    }

    List<DefinitionProblem> problems() {
        return List.copyOf(problems);
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new DefinitionException(problems);
        }
    }
}
