package dev.jackal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the shape of jackal-core: it stays free of the front ends' and the cluster's libraries (Maven, picocli,
 * the Kubernetes client), so a Maven goal, the CLI and a future Gradle plugin can all use it, and its packages form
 * no cycle. Read from the sources, so a fully qualified name is caught as well as an import.
 */
class DependencyRulesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final String ROOT = "dev.jackal.core";
    /** What core must never name: the Maven API and its DI, the CLI library, the Kubernetes client. */
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(org\\.apache\\.maven|org\\.codehaus\\.plexus|org\\.eclipse\\.aether|picocli|io\\.fabric8)\\.");

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern CORE_REFERENCE = Pattern.compile("\\b(dev\\.jackal\\.core(?:\\.[a-z0-9]+)*)\\.[A-Z]");

    @Test
    void coreNamesNoMavenPicocliOrKubernetesClient() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : sources()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = FORBIDDEN.matcher(lines.get(i));
                if (m.find()
                        && !lines.get(i).trim().startsWith("*")
                        && !lines.get(i).trim().startsWith("//")) {
                    offenders.add(SOURCES.relativize(file) + ":" + (i + 1) + ": "
                            + lines.get(i).trim());
                }
            }
        }
        assertEquals(List.of(), offenders, "jackal-core must not depend on front-end or cluster libraries");
    }

    @Test
    void corePackagesFormNoCycle() throws IOException {
        Map<String, Set<String>> graph = packageGraph();
        assertTrue(graph.size() > 10, "the package graph was read: " + graph.keySet());
        assertEquals(List.of(), cycles(graph), "package cycles in jackal-core");
    }

    @Test
    void theCycleFinderFindsACycle() {
        Map<String, Set<String>> graph = Map.of(
                "a", Set.of("b"),
                "b", Set.of("c"),
                "c", Set.of("a"),
                "d", Set.of("a"));
        assertEquals(List.of(List.of("a", "b", "c")), cycles(graph));
    }

    private static List<Path> sources() throws IOException {
        assertTrue(
                Files.isDirectory(SOURCES), "run from the jackal-core module directory: " + SOURCES.toAbsolutePath());
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** Package → the other core packages its classes name. */
    private static Map<String, Set<String>> packageGraph() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path file : sources()) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher declared = PACKAGE.matcher(text);
            if (!declared.find() || !declared.group(1).startsWith(ROOT)) {
                continue;
            }
            String pkg = declared.group(1);
            Set<String> uses = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
            Matcher reference = CORE_REFERENCE.matcher(text);
            while (reference.find()) {
                if (!reference.group(1).equals(pkg)) {
                    uses.add(reference.group(1));
                }
            }
        }
        return graph;
    }

    /** Every strongly connected set of more than one package, each sorted, in order of their first member. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Tarjan tarjan = new Tarjan(graph);
        new TreeSet<>(graph.keySet()).forEach(v -> {
            if (!tarjan.index.containsKey(v)) {
                tarjan.visit(v);
            }
        });
        List<List<String>> result = new ArrayList<>(tarjan.components);
        result.sort((a, b) -> a.get(0).compareTo(b.get(0)));
        return result;
    }

    /** Tarjan's strongly connected components; a package graph is small, so recursion is fine. */
    private static final class Tarjan {
        private final Map<String, Set<String>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final List<String> stack = new ArrayList<>();
        private final List<List<String>> components = new ArrayList<>();

        Tarjan(Map<String, Set<String>> graph) {
            this.graph = graph;
        }

        void visit(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.add(v);
            for (String w : graph.getOrDefault(v, Set.of())) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (stack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                List<String> component = new ArrayList<>();
                String w;
                do {
                    w = stack.remove(stack.size() - 1);
                    component.add(w);
                } while (!w.equals(v));
                if (component.size() > 1) {
                    component.sort(null);
                    components.add(List.copyOf(component));
                }
            }
        }
    }
}
