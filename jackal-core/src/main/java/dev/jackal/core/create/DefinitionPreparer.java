package dev.jackal.core.create;

import dev.jackal.core.compose.Composer;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.definition.Definition;
import dev.jackal.core.definition.DefinitionException;
import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.definition.DefinitionValidator;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.template.CreateTemplater;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Steps 1–6 of create (spec §3.1): read {@code jackal.yaml} strictly, check it, settle the architecture,
 * compose the import chains with arch and flavor filtering, apply create-time templates, check again.
 */
public final class DefinitionPreparer {

    private final SkeletonResolver skeletons;

    public DefinitionPreparer(SkeletonResolver skeletons) {
        this.skeletons = skeletons;
    }

    /**
     * @param packageDir the directory with {@code jackal.yaml}
     * @param architecture the {@code --architecture} flag, or null to use the definition's or the host's
     * @param flavor the {@code --flavor}, or empty
     */
    public PreparedDefinition prepare(
            Path packageDir,
            String architecture,
            String flavor,
            Map<String, String> set,
            CreateTemplater.MissingValues missing) {
        Path file = packageDir.resolve(Composer.DEFINITION_FILE);
        if (!Files.isRegularFile(file)) {
            throw DefinitionException.of(
                    file,
                    "no " + Composer.DEFINITION_FILE + " in " + packageDir.toAbsolutePath()
                            + "; run the command in a package directory or pass its path");
        }
        if (flavor != null && !flavor.isEmpty() && !dev.jackal.core.definition.PathComponents.isClean(flavor)) {
            throw DefinitionException.of(
                    file, "flavor '" + flavor + "' must be usable in a file name: no '/', '\\'," + " '..' or spaces");
        }
        Definition definition = DefinitionReader.read(file, DefinitionReader.Strictness.STRICT);
        DefinitionValidator.check(definition);
        JackalPackage pkg = definition.pkg();
        String arch = architecture != null && !architecture.isEmpty()
                ? architecture
                : pkg.metadata().architecture() != null
                                && !pkg.metadata().architecture().isEmpty()
                        ? pkg.metadata().architecture()
                        : Architectures.host();
        definition = definition.withPackage(pkg.withMetadata(pkg.metadata().withArchitecture(arch)));

        List<String> warnings = new ArrayList<>();
        Composer.Result composed = new Composer(skeletons).compose(definition, arch, flavor == null ? "" : flavor);
        warnings.addAll(composed.warnings());
        CreateTemplater.Result templated = CreateTemplater.apply(file, composed.pkg(), set, missing);
        warnings.addAll(templated.warnings());
        Definition checked = definition.withPackage(templated.pkg());
        DefinitionValidator.check(checked);
        if (templated.pkg().components().isEmpty()) {
            throw DefinitionException.of(
                    file,
                    "no component is left for architecture " + arch
                            + (flavor == null || flavor.isEmpty() ? "" : " and flavor " + flavor)
                            + "; check the components' 'only' filters");
        }
        return new PreparedDefinition(
                templated.pkg(), packageDir, warnings, composed.definitionFiles(), composed.localOnly());
    }
}
