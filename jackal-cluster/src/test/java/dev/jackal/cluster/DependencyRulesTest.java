package dev.jackal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jackal.test.source.SourceRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Guards the deploy engine's place in the graph: it uses core and the Kubernetes libraries but no front end (no
 * Maven API, no picocli, nothing of the CLI module), so the CLI, a Maven goal and a Gradle plugin can all call it;
 * and its packages form no cycle.
 */
class DependencyRulesTest {

    private static final SourceRules SOURCES = SourceRules.of(Path.of("src/main/java"));
    private static final Pattern FORBIDDEN = Pattern.compile("\\b(org\\.apache\\.maven|org\\.codehaus\\.plexus"
            + "|org\\.eclipse\\.aether|picocli|dev\\.jackal\\.deployer|dev\\.jackal\\.maven)\\.");

    @Test
    void engineNamesNoFrontEnd() {
        assertEquals(List.of(), SOURCES.linesNaming(FORBIDDEN), "jackal-cluster must not depend on a front end");
    }

    @Test
    void enginePackagesFormNoCycle() {
        Map<String, Set<String>> graph = SOURCES.packageGraph("dev.jackal.cluster");
        assertFalse(graph.isEmpty(), "the package graph was read");
        assertEquals(List.of(), SourceRules.cycles(graph), "package cycles in jackal-cluster");
    }
}
