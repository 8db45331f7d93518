package dev.jackal.core.definition;

import dev.jackal.core.model.ChartSpec;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.FileSpec;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.model.ManifestSpec;
import dev.jackal.core.model.Metadata;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * The rules for every name in a definition that becomes a file name, a path, a Helm or a Kubernetes name (spec
 * §1.2, §1.5, §1.8). Names in a package are hostile input: create checks them ({@link DefinitionValidator}) and so
 * does every load, before anything is extracted further, written or sent to a cluster.
 *
 * <p>Package and component names follow the spec's pattern. Chart and manifest names, and chart versions, become
 * file names inside component tars, so they must be one clean file-name segment. Namespaces and release names go to
 * the cluster as they are, so they must be what Kubernetes and Helm accept. File targets must not climb with
 * {@code ..}.
 */
public final class NameRules {

    /** {@code metadata.name} and component names: lowercase letters, digits and '-'. */
    public static final Pattern PACKAGE_NAME = Pattern.compile("^[a-z0-9][a-z0-9-]*$");

    public static final Pattern COMPONENT_NAME = PACKAGE_NAME;
    /** Variable, constant and setVariable names: they become {@code ###JACKAL_VAR_X###} and environment names. */
    public static final Pattern VARIABLE_NAME = Pattern.compile("^[A-Z0-9_]+$");
    /** Chart and manifest names: one file-name segment. */
    static final Pattern FILE_SEGMENT = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");
    /** A Kubernetes namespace: an RFC 1123 label. */
    static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
    /** A Helm release name (Helm's own rule, at most 53 characters). */
    static final Pattern RELEASE =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    static final int MAX_RELEASE = 53;
    private static final String LOWER = "use lowercase letters, digits and '-', starting with a letter or digit";
    private static final String CREATE_MARKER = "###JACKAL_PKG_";

    private NameRules() {}

    /**
     * Reports every broken name rule of {@code pkg} to {@code problems} as (YAML path, message naming the value).
     *
     * @param pendingTemplates true at create, where a value that still holds a {@code ###JACKAL_PKG_} marker is
     *     checked once it has been templated; false for a built package, where every value is final
     */
    public static void check(JackalPackage pkg, boolean pendingTemplates, BiConsumer<String, String> problems) {
        Rules rules = new Rules(pendingTemplates, problems);
        Metadata metadata = pkg.metadata();
        if (metadata == null || metadata.name() == null || metadata.name().isEmpty()) {
            problems.accept("metadata.name", "'metadata.name' is required");
        } else if (!PACKAGE_NAME.matcher(metadata.name()).matches()) {
            problems.accept("metadata.name", "package name '" + metadata.name() + "' is not valid: " + LOWER);
        }
        if (metadata != null && metadata.version() != null && !PathComponents.isClean(metadata.version())) {
            problems.accept(
                    "metadata.version",
                    "version '" + metadata.version()
                            + "' must be usable as part of a file name: no '/', '\\', '..', spaces or control characters");
        }
        variables(pkg.variables().stream().map(v -> v.name()).toList(), "variables", problems);
        variables(pkg.constants().stream().map(c -> c.name()).toList(), "constants", problems);
        for (int i = 0; i < pkg.components().size(); i++) {
            component(pkg.components().get(i), "components[" + i + "]", rules);
        }
    }

    /**
     * Refuses a built package (every value final) whose names break a rule, with a {@link DefinitionException} that
     * names the first problem, its field and its place in the file: one line.
     */
    public static void requireValid(Definition definition) {
        ProblemCollector problems = new ProblemCollector(definition.sourceMap());
        check(definition.pkg(), false, problems::add);
        if (!problems.problems().isEmpty()) {
            throw new DefinitionException(List.of(problems.problems().get(0)));
        }
    }

    private static void variables(List<String> names, String field, BiConsumer<String, String> problems) {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || !VARIABLE_NAME.matcher(name).matches()) {
                problems.accept(
                        field + "[" + i + "].name",
                        "name '" + name + "' must be upper-case letters, digits and '_' (it becomes ###JACKAL_…_" + name
                                + "###)");
            }
        }
    }

    private static void component(Component component, String path, Rules rules) {
        String name = component.name();
        if (name == null || name.isEmpty()) {
            rules.problems.accept(path + ".name", "every component needs a 'name'");
        } else if (!COMPONENT_NAME.matcher(name).matches()) {
            rules.problems.accept(path + ".name", "component name '" + name + "' is not valid: " + LOWER);
        }
        for (int i = 0; i < component.charts().size(); i++) {
            ChartSpec chart = component.charts().get(i);
            String at = path + ".charts[" + i + "]";
            rules.segment(chart.name(), at + ".name", "chart name");
            rules.clean(chart.version(), at + ".version", "chart version");
            rules.namespace(chart.namespace(), at + ".namespace");
            rules.release(chart.releaseName(), at + ".releaseName");
        }
        for (int i = 0; i < component.manifests().size(); i++) {
            ManifestSpec manifest = component.manifests().get(i);
            String at = path + ".manifests[" + i + "]";
            rules.segment(manifest.name(), at + ".name", "manifest name");
            rules.namespace(manifest.namespace(), at + ".namespace");
        }
        for (int i = 0; i < component.files().size(); i++) {
            FileSpec file = component.files().get(i);
            String at = path + ".files[" + i + "]";
            if (file.target() != null && PathComponents.hasParentSegment(file.target())) {
                rules.problems.accept(at + ".target", "target '" + file.target() + "' must not contain '..'");
            }
            for (int s = 0; s < file.symlinks().size(); s++) {
                if (PathComponents.hasParentSegment(file.symlinks().get(s))) {
                    rules.problems.accept(
                            at + ".symlinks[" + s + "]",
                            "symlink '" + file.symlinks().get(s) + "' must not contain '..'");
                }
            }
        }
    }

    /** Checks of optional values; an absent value passes (whether it is required is the validator's concern). */
    private record Rules(boolean pendingTemplates, BiConsumer<String, String> problems) {

        private boolean skip(String value) {
            return value == null || value.isEmpty() || (pendingTemplates && value.contains(CREATE_MARKER));
        }

        void segment(String value, String path, String what) {
            if (!skip(value) && !FILE_SEGMENT.matcher(value).matches()) {
                problems.accept(
                        path,
                        what + " '" + value + "' is not valid: use letters, digits, '.', '_' and '-', starting with a"
                                + " letter or digit");
            }
        }

        void clean(String value, String path, String what) {
            if (!skip(value) && !PathComponents.isClean(value)) {
                problems.accept(
                        path,
                        what + " '" + value + "' must be usable as part of a file name: no '/', '\\', '..', spaces or"
                                + " control characters");
            }
        }

        void namespace(String value, String path) {
            if (!skip(value) && !NAMESPACE.matcher(value).matches()) {
                problems.accept(
                        path,
                        "namespace '" + value + "' is not a valid Kubernetes namespace: use at most 63 lowercase"
                                + " letters, digits and '-', starting and ending with a letter or digit");
            }
        }

        void release(String value, String path) {
            if (!skip(value)
                    && (value.length() > MAX_RELEASE || !RELEASE.matcher(value).matches())) {
                problems.accept(
                        path,
                        "release name '" + value + "' is not a valid Helm release name: use at most " + MAX_RELEASE
                                + " lowercase letters, digits, '-' and '.'");
            }
        }
    }
}
