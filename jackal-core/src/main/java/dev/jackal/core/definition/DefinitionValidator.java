package dev.jackal.core.definition;

import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.model.Action;
import dev.jackal.core.model.ActionSet;
import dev.jackal.core.model.ChartSpec;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.ComponentImport;
import dev.jackal.core.model.Constant;
import dev.jackal.core.model.FileSpec;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.model.ManifestSpec;
import dev.jackal.core.model.Metadata;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The create-time rules of a package definition (spec §1.8), each problem placed by its YAML path. */
public final class DefinitionValidator {

    static final Pattern SHA256_HEX = Pattern.compile("^[a-fA-F0-9]{64}$");
    static final int MAX_NAME = 40;
    private static final Set<String> LOCAL_OS = Set.of("linux", "darwin", "windows");

    private DefinitionValidator() {}

    /** Every problem of {@code definition}; empty when it is valid. */
    public static List<DefinitionProblem> validate(Definition definition) {
        ProblemCollector problems = new ProblemCollector(definition.sourceMap());
        JackalPackage pkg = definition.pkg();
        if (pkg.kind() == null) {
            problems.add("kind", "'kind' is required: JackalPackageConfig or JackalInitConfig");
        } else if (PackageDialect.of(pkg.kind()) != PackageDialect.JACKAL) {
            problems.add(
                    "kind",
                    "'" + pkg.kind() + "' is the kind of a zarf.yaml, which jackal only reads from packages built by"
                            + " Zarf; a jackal.yaml says JackalPackageConfig or JackalInitConfig");
        }
        NameRules.check(pkg, true, problems::add);
        metadata(pkg, problems);
        for (int i = 0; i < pkg.variables().size(); i++) {
            pattern(pkg.variables().get(i).pattern(), "variables[" + i + "].pattern", problems);
        }
        for (int i = 0; i < pkg.constants().size(); i++) {
            constant(pkg.constants().get(i), "constants[" + i + "]", problems);
        }
        if (pkg.components().isEmpty()) {
            problems.add("components", "a package needs at least one component under 'components'");
        }
        for (int i = 0; i < pkg.components().size(); i++) {
            Component component = pkg.components().get(i);
            String path = "components[" + i + "]";
            for (int earlier = 0; earlier < i; earlier++) {
                Component other = pkg.components().get(earlier);
                if (component.name() != null && component.name().equals(other.name()) && overlap(component, other)) {
                    problems.add(
                            path + ".name",
                            "component name '" + component.name() + "' is already used by"
                                    + " components[" + earlier + "]; component names must be unique (or the two must be"
                                    + " for different architectures or flavors)");
                    break;
                }
            }
            component(pkg, component, path, problems);
        }
        groups(pkg, problems);
        return problems.problems();
    }

    /** Throws a {@link DefinitionException} listing every problem, if there is any. */
    public static void check(Definition definition) {
        List<DefinitionProblem> problems = validate(definition);
        if (!problems.isEmpty()) {
            throw new DefinitionException(problems);
        }
    }

    /** Whether {@code value} still holds a create-time template marker; it is checked after templating. */
    private static boolean templated(String value) {
        return value != null && value.contains("###JACKAL_PKG_");
    }

    /** Whether two components can both be in one build: their arch and flavor filters do not exclude each other. */
    private static boolean overlap(Component a, Component b) {
        return compatible(arch(a), arch(b)) && compatible(flavor(a), flavor(b));
    }

    private static boolean compatible(String x, String y) {
        return x.isEmpty() || y.isEmpty() || x.equals(y);
    }

    private static String arch(Component c) {
        return c.only() == null
                        || c.only().cluster() == null
                        || c.only().cluster().architecture() == null
                ? ""
                : c.only().cluster().architecture();
    }

    private static String flavor(Component c) {
        return c.only() == null || c.only().flavor() == null ? "" : c.only().flavor();
    }

    private static void metadata(JackalPackage pkg, ProblemCollector problems) {
        Metadata metadata = pkg.metadata();
        if (metadata == null) {
            return;
        }
        if (pkg.kind() != null && pkg.kind().isInit() && Boolean.TRUE.equals(metadata.yolo())) {
            problems.add("metadata.yolo", "an init package cannot be 'yolo'");
        }
    }

    private static void constant(Constant constant, String path, ProblemCollector problems) {
        Pattern pattern = pattern(constant.pattern(), path + ".pattern", problems);
        // a value still waiting for create-time templating is checked once it has been templated
        if (pattern != null
                && !templated(constant.value())
                && !pattern.matcher(constant.value() == null ? "" : constant.value())
                        .find()) {
            problems.add(
                    path + ".value",
                    "constant " + constant.name() + " has value '" + constant.value()
                            + "', which does not match its pattern '" + constant.pattern() + "'");
        }
    }

    private static Pattern pattern(String regex, String path, ProblemCollector problems) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            problems.add(path, "not a valid regular expression: " + e.getDescription());
            return null;
        }
    }

    private static void component(JackalPackage pkg, Component component, String path, ProblemCollector problems) {
        if (component.only() != null
                && component.only().localOS() != null
                && !component.only().localOS().isEmpty()
                && !LOCAL_OS.contains(component.only().localOS())) {
            problems.add(
                    path + ".only.localOS",
                    "'" + component.only().localOS()
                            + "' is not an operating system jackal knows; use linux, darwin or windows");
        }
        if (Boolean.TRUE.equals(component.required()) && Boolean.TRUE.equals(component.isDefault())) {
            problems.add(path + ".default", "a required component cannot also be 'default'; remove one of them");
        }
        if (Boolean.TRUE.equals(component.required()) && component.group() != null) {
            problems.add(path + ".group", "a required component cannot be in a group; remove 'required' or 'group'");
        }
        if (component.importSpec() != null) {
            importSpec(component.importSpec(), path + ".import", problems);
        }
        charts(component, path, problems);
        manifests(component, path, problems);
        files(component, path, problems);
        if (component.actions() != null) {
            actionSet(component.actions().onCreate(), path + ".actions.onCreate", false, problems);
            actionSet(component.actions().onDeploy(), path + ".actions.onDeploy", true, problems);
            actionSet(component.actions().onRemove(), path + ".actions.onRemove", false, problems);
        }
        if (pkg.metadata() != null && Boolean.TRUE.equals(pkg.metadata().yolo())) {
            if (!component.images().isEmpty()) {
                problems.add(
                        path + ".images", "a 'yolo' package cannot carry images (there is no registry to push to)");
            }
            if (!component.repos().isEmpty()) {
                problems.add(
                        path + ".repos", "a 'yolo' package cannot carry repos (there is no git server to push to)");
            }
            if (component.only() != null && component.only().cluster() != null) {
                problems.add(path + ".only.cluster", "a 'yolo' package cannot filter on the cluster");
            }
        }
    }

    /** {@code groupId:artifactId}, as Maven spells them; no version, type or classifier. */
    static final Pattern MAVEN_COORDINATES = Pattern.compile("^[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+$");

    private static void importSpec(ComponentImport spec, String path, ProblemCollector problems) {
        boolean hasPath = spec.path() != null && !spec.path().isEmpty();
        boolean hasUrl = spec.url() != null && !spec.url().isEmpty();
        boolean hasMaven = spec.maven() != null && !spec.maven().isEmpty();
        int sources = (hasPath ? 1 : 0) + (hasUrl ? 1 : 0) + (hasMaven ? 1 : 0);
        if (sources != 1) {
            problems.add(
                    path,
                    "an import needs exactly one of 'path' (a local directory), 'url' (oci://…) or 'maven'"
                            + " (groupId:artifactId)");
        } else if (hasPath && Path.of(spec.path()).isAbsolute()) {
            problems.add(path + ".path", "import path '" + spec.path() + "' must be relative to this package");
        } else if (hasUrl && !spec.url().startsWith("oci://")) {
            problems.add(path + ".url", "import url '" + spec.url() + "' must start with oci://");
        } else if (hasMaven && !MAVEN_COORDINATES.matcher(spec.maven()).matches()) {
            problems.add(
                    path + ".maven",
                    "import maven '" + spec.maven() + "' must be groupId:artifactId, e.g. com.acme.k8s:postgres"
                            + " (no version: the POM's dependency or dependencyManagement gives it)");
        }
    }

    private static void charts(Component component, String path, ProblemCollector problems) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < component.charts().size(); i++) {
            ChartSpec chart = component.charts().get(i);
            String at = path + ".charts[" + i + "]";
            if (!name(chart.name(), at, "chart", names, problems)) {
                continue;
            }
            if (chart.namespace() == null || chart.namespace().isEmpty()) {
                problems.add(at + ".namespace", "chart '" + chart.name() + "' needs a 'namespace' to deploy into");
            }
            boolean url = chart.url() != null && !chart.url().isEmpty();
            boolean local = chart.localPath() != null && !chart.localPath().isEmpty();
            if (url == local) {
                problems.add(at, "chart '" + chart.name() + "' needs exactly one of 'url' or 'localPath'");
            }
            if (chart.version() == null || chart.version().isEmpty()) {
                problems.add(at + ".version", "chart '" + chart.name() + "' needs a 'version'");
            }
        }
    }

    private static void manifests(Component component, String path, ProblemCollector problems) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < component.manifests().size(); i++) {
            ManifestSpec manifest = component.manifests().get(i);
            String at = path + ".manifests[" + i + "]";
            if (!name(manifest.name(), at, "manifest", names, problems)) {
                continue;
            }
            if (manifest.files().isEmpty() && manifest.kustomizations().isEmpty()) {
                problems.add(
                        at,
                        "manifest '" + manifest.name() + "' needs at least one entry in 'files' or"
                                + " 'kustomizations'");
            }
        }
    }

    private static boolean name(String name, String at, String what, Set<String> names, ProblemCollector problems) {
        if (name == null || name.isEmpty()) {
            problems.add(at + ".name", "every " + what + " needs a 'name'");
            return false;
        }
        if (name.length() > MAX_NAME) {
            problems.add(at + ".name", what + " name '" + name + "' is longer than " + MAX_NAME + " characters");
        }
        if (!names.add(name)) {
            problems.add(at + ".name", what + " name '" + name + "' is used twice in this component");
        }
        return true;
    }

    private static void files(Component component, String path, ProblemCollector problems) {
        for (int i = 0; i < component.files().size(); i++) {
            FileSpec file = component.files().get(i);
            String at = path + ".files[" + i + "]";
            if (file.source() == null || file.source().isEmpty()) {
                problems.add(at + ".source", "every file needs a 'source' (a local path or an https:// URL)");
            }
            if (file.target() == null || file.target().isEmpty()) {
                problems.add(at + ".target", "every file needs a 'target' path on the deploying host");
            }
            if (file.shasum() != null
                    && !templated(file.shasum())
                    && !SHA256_HEX.matcher(file.shasum()).matches()) {
                problems.add(at + ".shasum", "shasum '" + file.shasum() + "' is not a SHA-256 (64 hex digits)");
            }
        }
    }

    private static void actionSet(ActionSet set, String path, boolean deploy, ProblemCollector problems) {
        if (set == null) {
            return;
        }
        Map<String, List<Action>> lists = new TreeMap<>();
        lists.put("before", set.before());
        lists.put("after", set.after());
        lists.put("onSuccess", set.onSuccess());
        lists.put("onFailure", set.onFailure());
        for (Map.Entry<String, List<Action>> list : lists.entrySet()) {
            for (int i = 0; i < list.getValue().size(); i++) {
                action(list.getValue().get(i), path + "." + list.getKey() + "[" + i + "]", deploy, problems);
            }
        }
    }

    private static void action(Action action, String at, boolean deploy, ProblemCollector problems) {
        boolean cmd = action.cmd() != null && !action.cmd().isEmpty();
        boolean wait = action.waitFor() != null;
        if (cmd == wait) {
            problems.add(at, "an action needs exactly one of 'cmd' or 'wait'");
        }
        if (wait && (action.waitFor().cluster() == null) == (action.waitFor().network() == null)) {
            problems.add(at + ".wait", "a wait needs exactly one of 'cluster' or 'network'");
        }
        if (!deploy && (!action.setVariables().isEmpty() || action.setVariable() != null)) {
            problems.add(at + ".setVariables", "'setVariables' works only in onDeploy actions");
        }
        for (int i = 0; i < action.setVariables().size(); i++) {
            String name = action.setVariables().get(i).name();
            if (name == null || !NameRules.VARIABLE_NAME.matcher(name).matches()) {
                problems.add(
                        at + ".setVariables[" + i + "].name",
                        "name '" + name + "' must be upper-case letters, digits and '_'");
            }
        }
    }

    private static void groups(JackalPackage pkg, ProblemCollector problems) {
        Map<String, List<Integer>> members = new TreeMap<>();
        for (int i = 0; i < pkg.components().size(); i++) {
            String group = pkg.components().get(i).group();
            if (group != null && !group.isEmpty()) {
                members.computeIfAbsent(group, g -> new java.util.ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<String, List<Integer>> group : members.entrySet()) {
            List<Integer> indexes = group.getValue();
            if (indexes.size() < 2) {
                problems.add(
                        "components[" + indexes.get(0) + "].group",
                        "group '" + group.getKey()
                                + "' has only one component; a group needs at least two (or remove 'group')");
            }
            long defaults = indexes.stream()
                    .filter(i -> Boolean.TRUE.equals(pkg.components().get(i).isDefault()))
                    .count();
            if (defaults > 1) {
                problems.add(
                        "components[" + indexes.get(1) + "].default",
                        "group '" + group.getKey() + "' has " + defaults
                                + " default components; at most one may be the default");
            }
        }
    }
}
