package dev.jackal.core.compose;

import dev.jackal.core.OfflineException;
import dev.jackal.core.definition.Definition;
import dev.jackal.core.definition.DefinitionException;
import dev.jackal.core.definition.DefinitionProblem;
import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.definition.DefinitionValidator;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.ComponentImport;
import dev.jackal.core.model.Constant;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.model.Variable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves every component's import chain and folds it into one component (spec §3.2–3.5): local
 * {@code import.path} chains with cycle detection, arch and flavor filtering, path re-rooting, and the
 * merging of variables and constants. Remote imports go through a {@link SkeletonResolver}.
 */
public final class Composer {

    /** The definition file name inside a package directory. */
    public static final String DEFINITION_FILE = "jackal.yaml";

    /**
     * What composition made, and the warnings for the user.
     *
     * @param definitionFiles every definition file read: the head's and each {@code import.path} one's
     * @param localOnly whether every import was a local {@code import.path} directory (no {@code import.url}, {@code
     *     import.maven} or skeleton archive, whose content lives outside the files read)
     */
    public record Result(JackalPackage pkg, List<String> warnings, List<Path> definitionFiles, boolean localOnly) {

        public Result {
            warnings = List.copyOf(warnings);
            definitionFiles = List.copyOf(definitionFiles);
        }
    }

    /** What the import chains read, collected while they are resolved. */
    private static final class Inputs {
        final Set<Path> files = new LinkedHashSet<>();
        boolean localOnly = true;
    }

    private final SkeletonResolver skeletons;

    public Composer(SkeletonResolver skeletons) {
        this.skeletons = skeletons;
    }

    /**
     * Composes {@code head} for {@code arch} and {@code flavor} (empty for none). The head's directory is
     * the directory of its file.
     */
    public Result compose(Definition head, String arch, String flavor) {
        Path headDir = head.file().toAbsolutePath().getParent();
        List<String> warnings = new ArrayList<>();
        Migrations.Result migratedHead = Migrations.apply(head.pkg());
        warnings.addAll(migratedHead.warnings());
        Definition headDefinition = head.withPackage(migratedHead.pkg());

        List<Component> composed = new ArrayList<>();
        Map<String, Variable> variables = new LinkedHashMap<>();
        Map<String, Constant> constants = new LinkedHashMap<>();
        headDefinition.pkg().variables().forEach(v -> variables.putIfAbsent(v.name(), v));
        headDefinition.pkg().constants().forEach(c -> constants.putIfAbsent(c.name(), c));
        List<JackalPackage> imported = new ArrayList<>();
        Inputs inputs = new Inputs();
        inputs.files.add(head.file().toAbsolutePath().normalize());

        for (int i = 0; i < headDefinition.pkg().components().size(); i++) {
            Component component = headDefinition.pkg().components().get(i);
            if (!compatible(component, arch, flavor)) {
                continue;
            }
            List<ImportNode> chain =
                    chain(new ImportNode(headDefinition, i, Path.of("")), headDir, arch, flavor, warnings, inputs);
            List<DefinitionProblem> problems = new ArrayList<>();
            for (ImportNode node : chain) {
                problems.addAll(SourceCheck.check(node, headDir.resolve(node.relativeToHead())));
            }
            if (!problems.isEmpty()) {
                throw new DefinitionException(problems);
            }
            ComponentMerger merger = new ComponentMerger();
            for (int n = chain.size() - 1; n >= 0; n--) {
                ImportNode node = chain.get(n);
                merger.merge(new PathFixer(headDir, node.relativeToHead()).fix(node.component()), node);
                if (n > 0) {
                    imported.add(node.definition().pkg());
                }
            }
            composed.add(merger.build());
        }
        // imported packages' variables and constants: tail to head, the first definition of a name wins
        for (JackalPackage tailFirst : imported) {
            tailFirst.variables().forEach(v -> variables.putIfAbsent(v.name(), v));
            tailFirst.constants().forEach(c -> constants.putIfAbsent(c.name(), c));
        }
        JackalPackage pkg = headDefinition.pkg();
        return new Result(
                new JackalPackage(
                        pkg.apiVersion(),
                        pkg.kind(),
                        pkg.metadata(),
                        pkg.build(),
                        composed,
                        List.copyOf(constants.values()),
                        List.copyOf(variables.values())),
                warnings,
                List.copyOf(inputs.files),
                inputs.localOnly);
    }

    private List<ImportNode> chain(
            ImportNode head, Path headDir, String arch, String flavor, List<String> warnings, Inputs inputs) {
        List<ImportNode> chain = new ArrayList<>();
        chain.add(head);
        ImportNode node = head;
        while (node.component().importSpec() != null) {
            ComponentImport spec = node.component().importSpec();
            Path relative;
            if (spec.url() != null && !spec.url().isEmpty()) {
                relative = urlSkeleton(node, spec.url(), headDir);
                inputs.localOnly = false;
            } else if (spec.maven() != null && !spec.maven().isEmpty()) {
                relative = mavenSkeleton(node, spec.maven(), headDir);
                inputs.localOnly = false;
            } else {
                relative = node.relativeToHead().resolve(spec.path()).normalize();
            }
            if (spec.path() != null && Files.isRegularFile(headDir.resolve(relative))) {
                relative = skeletonArchive(node, spec.path(), headDir.resolve(relative), headDir);
                inputs.localOnly = false;
            }
            for (ImportNode earlier : chain) {
                if (earlier.relativeToHead().equals(relative)) {
                    String rendered = chain.stream().map(ImportNode::describe).collect(Collectors.joining(" -> "));
                    throw fail(
                            node,
                            "import.path",
                            "detected circular import chain: " + rendered + " -> " + earlier.describe());
                }
            }
            Path file = headDir.resolve(relative).resolve(DEFINITION_FILE);
            if (!Files.isRegularFile(file)) {
                throw fail(
                        node,
                        "import.path",
                        "imports '" + spec.path() + "', but there is no " + DEFINITION_FILE + " in "
                                + headDir.resolve(relative).normalize());
            }
            inputs.files.add(file.toAbsolutePath().normalize());
            Definition importedDefinition = DefinitionReader.read(file, DefinitionReader.Strictness.STRICT);
            DefinitionValidator.check(importedDefinition);
            Migrations.Result migrated = Migrations.apply(importedDefinition.pkg());
            warnings.addAll(migrated.warnings().stream()
                    .map(w -> w + " (imported from " + file + ")")
                    .toList());
            Definition definition = importedDefinition.withPackage(migrated.pkg());
            String wanted = spec.name() != null && !spec.name().isEmpty()
                    ? spec.name()
                    : node.component().name();
            List<Integer> matches = new ArrayList<>();
            for (int i = 0; i < definition.pkg().components().size(); i++) {
                Component candidate = definition.pkg().components().get(i);
                if (wanted.equals(candidate.name()) && compatible(candidate, arch, flavor)) {
                    matches.add(i);
                }
            }
            if (matches.isEmpty()) {
                throw fail(
                        node,
                        "import",
                        "component \"" + wanted + "\" not found in \"" + file + "\""
                                + (flavor.isEmpty() ? "" : " for flavor '" + flavor + "'") + " (architecture " + arch
                                + ")");
            }
            if (matches.size() > 1) {
                throw fail(
                        node,
                        "import",
                        "multiple components named \"" + wanted + "\" in \"" + file + "\" match architecture " + arch
                                + (flavor.isEmpty() ? "" : " and flavor " + flavor));
            }
            // a skeleton keeps each component's files in components/<name>/, where its paths point
            Path nodeDir = SkeletonArchive.isSkeleton(definition.pkg())
                    ? SkeletonArchive.componentDir(relative, wanted)
                    : relative;
            node = new ImportNode(definition, matches.get(0), nodeDir);
            chain.add(node);
        }
        return chain;
    }

    /** The unpacked skeleton that {@code import.url} names, relative to the head's directory. */
    private Path urlSkeleton(ImportNode node, String url, Path headDir) {
        Path dir;
        try {
            dir = skeletons.url(url);
        } catch (SkeletonImportException e) {
            if (e.getCause() instanceof OfflineException offline) {
                // stays an OfflineException, so the front end adds how to fill the cache
                throw new OfflineException(
                        fail(node, "import.url", offline.source()).getMessage());
            }
            throw fail(node, "import.url", e.getMessage());
        }
        return headDir.relativize(dir.toAbsolutePath().normalize());
    }

    /** The unpacked skeleton that {@code import.maven} names, relative to the head's directory. */
    private Path mavenSkeleton(ImportNode node, String coordinates, Path headDir) {
        Path dir;
        try {
            dir = skeletons.maven(coordinates);
        } catch (SkeletonImportException e) {
            throw fail(node, "import.maven", e.getMessage());
        }
        return headDir.relativize(dir.toAbsolutePath().normalize());
    }

    /** The unpacked directory of the skeleton archive that {@code import.path} names, relative to the head's. */
    private Path skeletonArchive(ImportNode node, String path, Path archive, Path headDir) {
        Path dir;
        try {
            dir = skeletons.unpack(archive.toAbsolutePath().normalize(), path);
        } catch (SkeletonImportException e) {
            throw fail(node, "import.path", e.getMessage());
        }
        return headDir.relativize(dir.toAbsolutePath().normalize());
    }

    static boolean compatible(Component component, String arch, String flavor) {
        if (component.only() == null) {
            return true;
        }
        String onlyArch = component.only().cluster() == null
                ? null
                : component.only().cluster().architecture();
        String onlyFlavor = component.only().flavor();
        return (onlyArch == null || onlyArch.isEmpty() || onlyArch.equals(arch))
                && (onlyFlavor == null || onlyFlavor.isEmpty() || onlyFlavor.equals(flavor));
    }

    private static DefinitionException fail(ImportNode node, String field, String message) {
        String path = node.path(field);
        return DefinitionException.of(node.definition().sourceMap().locate(path), path, message);
    }
}
