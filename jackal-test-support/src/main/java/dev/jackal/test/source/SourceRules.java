package dev.jackal.test.source;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * Reads a module's Java sources to guard the project's dependency graph: which names a module must never use and
 * whether its packages form a cycle. Read from the sources, so a fully qualified name is caught as well as an
 * import; comment lines are ignored.
 */
public final class SourceRules {

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

    private final Path sources;

    private SourceRules(Path sources) {
        this.sources = sources;
    }

    /** The sources under {@code dir} (usually {@code src/main/java} of the module under test); fails if absent. */
    public static SourceRules of(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(
                    "no sources at " + dir.toAbsolutePath() + ": run from the module directory");
        }
        return new SourceRules(dir);
    }

    /** Every {@code file:line: text} whose code names something {@code forbidden} matches. */
    public List<String> linesNaming(Pattern forbidden) {
        List<String> offenders = new ArrayList<>();
        for (Path file : files()) {
            List<String> lines = read(file).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (forbidden.matcher(line).find()
                        && !line.startsWith("*")
                        && !line.startsWith("//")
                        && !line.startsWith("/*")) {
                    offenders.add(sources.relativize(file) + ":" + (i + 1) + ": " + line);
                }
            }
        }
        return offenders;
    }

    /** Package → the other packages under {@code root} its classes name. */
    public Map<String, Set<String>> packageGraph(String root) {
        Pattern reference = Pattern.compile("\\b(" + Pattern.quote(root) + "(?:\\.[a-z0-9]+)*)\\.[A-Z]");
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path file : files()) {
            String text = read(file);
            Matcher declared = PACKAGE.matcher(text);
            if (!declared.find() || !declared.group(1).startsWith(root)) {
                continue;
            }
            String pkg = declared.group(1);
            Set<String> uses = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
            Matcher m = reference.matcher(text);
            while (m.find()) {
                if (!m.group(1).equals(pkg)) {
                    uses.add(m.group(1));
                }
            }
        }
        return graph;
    }

    /** Every strongly connected set of more than one package, each sorted, in order of their first member. */
    public static List<List<String>> cycles(Map<String, Set<String>> graph) {
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

    private List<Path> files() {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
