package dev.jackal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.source.SourceRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Guards the shape of jackal-core: it stays free of the front ends' and the cluster's libraries (Maven, picocli,
 * the Kubernetes client), so a Maven goal, the CLI and a future Gradle plugin can all use it, and its packages form
 * no cycle.
 */
class DependencyRulesTest {

    private static final SourceRules SOURCES = SourceRules.of(Path.of("src/main/java"));
    /** What core must never name: the Maven API and its DI, the CLI library, the Kubernetes client. */
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(org\\.apache\\.maven|org\\.codehaus\\.plexus|org\\.eclipse\\.aether|picocli|io\\.fabric8)\\.");

    @Test
    void coreNamesNoMavenPicocliOrKubernetesClient() {
        assertEquals(
                List.of(),
                SOURCES.linesNaming(FORBIDDEN),
                "jackal-core must not depend on front-end or cluster libraries");
    }

    @Test
    void corePackagesFormNoCycle() {
        Map<String, Set<String>> graph = SOURCES.packageGraph("dev.jackal.core");
        assertTrue(graph.size() > 10, "the package graph was read: " + graph.keySet());
        assertEquals(List.of(), SourceRules.cycles(graph), "package cycles in jackal-core");
    }

    @Test
    void theCycleFinderFindsACycle() {
        Map<String, Set<String>> graph = Map.of(
                "a", Set.of("b"),
                "b", Set.of("c"),
                "c", Set.of("a"),
                "d", Set.of("a"));
        assertEquals(List.of(List.of("a", "b", "c")), SourceRules.cycles(graph));
    }

    @Test
    void theNameGuardSeesAnImportAndAQualifiedName() {
        SourceRules here = SourceRules.of(Path.of("src/test/java/dev/jackal/core"));
        // this very file names the pattern only inside a string, so only a real use would be reported
        assertEquals(List.of(), here.linesNaming(Pattern.compile("^import io\\.fabric8\\.")));
        assertTrue(here.linesNaming(Pattern.compile("^import dev\\.jackal\\.test\\.source\\.SourceRules;")).stream()
                .anyMatch(line -> line.startsWith("DependencyRulesTest.java:")));
    }
}
