package dev.jackal.core.definition;

import dev.jackal.core.yaml.YamlLimits;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Where each field of a YAML document is: maps YAML paths such as {@code components[1].charts[0].name} to
 * the line and column of their value, so that checks made after binding can still point at the source.
 */
public final class SourceMap {

    private final Path file;
    private final Map<String, SourceLocation> locations;

    private SourceMap(Path file, Map<String, SourceLocation> locations) {
        this.file = file;
        this.locations = locations;
    }

    /** Maps {@code yaml}; a document that does not parse gives an empty map (the binder reports it). */
    public static SourceMap of(Path file, String yaml) {
        Map<String, SourceLocation> locations = new HashMap<>();
        try {
            LoaderOptions options = YamlLimits.DEFINITION.loaderOptions();
            options.setAllowDuplicateKeys(false);
            Node root = new Yaml(options).compose(new StringReader(yaml));
            if (root != null) {
                walk(file, root, "", locations, Collections.newSetFromMap(new IdentityHashMap<>()));
            }
        } catch (RuntimeException unparseable) {
            // the binder reports syntax errors with their position
        }
        return new SourceMap(file, Map.copyOf(locations));
    }

    /** An empty map for definitions that did not come from a file. */
    public static SourceMap empty(Path file) {
        return new SourceMap(file, Map.of());
    }

    /** The location of {@code path}, else of its nearest mapped parent, else the file. */
    public SourceLocation locate(String path) {
        String current = path;
        while (true) {
            SourceLocation location = locations.get(current);
            if (location != null) {
                return location;
            }
            if (current.isEmpty()) {
                return new SourceLocation(file, 0, 0);
            }
            current = parent(current);
        }
    }

    /** Whether {@code path} itself (not just a parent) is in the document. */
    public boolean hasExactly(String path) {
        return locations.containsKey(path);
    }

    public Path file() {
        return file;
    }

    static String parent(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    private static void walk(Path file, Node node, String path, Map<String, SourceLocation> out, Set<Node> seen) {
        if (!seen.add(node)) {
            // an alias: its value is mapped where it was anchored; walking it again could loop or explode
            return;
        }
        out.put(
                path,
                new SourceLocation(
                        file,
                        node.getStartMark().getLine() + 1,
                        node.getStartMark().getColumn() + 1));
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                    walk(file, tuple.getValueNode(), child, out, seen);
                    // point at the key for the field itself: that is what the user reads
                    out.put(
                            child,
                            new SourceLocation(
                                    file,
                                    key.getStartMark().getLine() + 1,
                                    key.getStartMark().getColumn() + 1));
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                walk(file, sequence.getValue().get(i), path + "[" + i + "]", out, seen);
            }
        }
    }
}
