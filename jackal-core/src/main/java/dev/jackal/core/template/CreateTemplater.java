package dev.jackal.core.template;

import dev.jackal.core.definition.Definition;
import dev.jackal.core.definition.DefinitionException;
import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.definition.DefinitionWriter;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.JackalPackage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Create-time templating of a composed definition (spec §1.7A): {@code ###JACKAL_COMPONENT_NAME###} per
 * component, {@code ###JACKAL_PKG_TMPL_KEY###} (and the deprecated {@code ###JACKAL_PKG_VAR_KEY###}) from
 * {@code --set}, and {@code ###JACKAL_PKG_ARCH###}. The definition is written as YAML, the markers are
 * replaced in the text, and the result is read back.
 */
public final class CreateTemplater {

    /** Supplies a value that {@code --set} did not give: a prompt, or a refusal. */
    @FunctionalInterface
    public interface MissingValues {
        /** The value for {@code key}, or empty to fail. */
        Optional<String> valueFor(String key);

        /** Never asks: every missing key is an error (non-interactive runs, {@code --confirm}). */
        MissingValues REFUSE = key -> Optional.empty();
    }

    /** The templated package and any warnings. */
    public record Result(JackalPackage pkg, List<String> warnings) {}

    private static final Pattern PKG_TEMPLATE = Pattern.compile("###JACKAL_PKG_(TMPL|VAR)_([A-Z0-9_]+)###");
    private static final String COMPONENT_NAME = "###JACKAL_COMPONENT_NAME###";
    private static final String ARCH = "###JACKAL_PKG_ARCH###";

    private CreateTemplater() {}

    /**
     * Templates {@code pkg}.
     *
     * @param file the definition file, for error messages
     * @param set the {@code --set KEY=value} pairs; keys are matched upper-cased
     */
    public static Result apply(Path file, JackalPackage pkg, Map<String, String> set, MissingValues missing) {
        List<String> warnings = new ArrayList<>();
        List<Component> components = new ArrayList<>();
        for (Component component : pkg.components()) {
            String yaml = DefinitionWriter.toQuotedYaml(single(pkg, component));
            if (yaml.contains(COMPONENT_NAME)) {
                yaml = yaml.replace(COMPONENT_NAME, escape(component.name()));
                components.add(reparse(file, yaml).components().get(0));
            } else {
                components.add(component);
            }
        }
        JackalPackage named = new JackalPackage(
                pkg.apiVersion(),
                pkg.kind(),
                pkg.metadata(),
                pkg.build(),
                components,
                pkg.constants(),
                pkg.variables());
        String yaml = DefinitionWriter.toQuotedYaml(named);
        String arch = named.metadata() == null || named.metadata().architecture() == null
                ? ""
                : named.metadata().architecture();
        yaml = yaml.replace(ARCH, escape(arch));

        Set<String> keys = new LinkedHashSet<>();
        Matcher matcher = PKG_TEMPLATE.matcher(yaml);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String key = matcher.group(2);
            if ("VAR".equals(matcher.group(1)) && keys.add("VAR:" + key)) {
                warnings.add("###JACKAL_PKG_VAR_" + key + "### is deprecated; use ###JACKAL_PKG_TMPL_" + key + "###");
            }
            String value = value(file, key, set, missing);
            matcher.appendReplacement(out, Matcher.quoteReplacement(escape(value)));
        }
        matcher.appendTail(out);
        return new Result(reparse(file, out.toString()), List.copyOf(warnings));
    }

    private static String value(Path file, String key, Map<String, String> set, MissingValues missing) {
        for (Map.Entry<String, String> entry : set.entrySet()) {
            if (entry.getKey().toUpperCase(java.util.Locale.ROOT).equals(key)) {
                return entry.getValue();
            }
        }
        return missing.valueFor(key)
                .orElseThrow(() -> DefinitionException.of(
                        file,
                        "template \"" + key
                                + "\" must be '--set' when using the '--confirm' flag (for example --set " + key
                                + "=value)"));
    }

    /**
     * Keeps a value safe inside the double-quoted YAML string the marker sits in: backslashes, quotes and
     * line breaks are escaped (a superset of Zarf's quote and trailing-backslash escaping).
     */
    static String escape(String value) {
        return value.replace("\\", "\\\\")
                .replace("\"", "\\\"")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
                .replace("\t", "\\t");
    }

    private static JackalPackage single(JackalPackage pkg, Component component) {
        return new JackalPackage(null, pkg.kind(), null, null, List.of(component), List.of(), List.of());
    }

    private static JackalPackage reparse(Path file, String yaml) {
        Definition definition = DefinitionReader.parse(file, yaml, DefinitionReader.Strictness.STRICT);
        return definition.pkg();
    }
}
