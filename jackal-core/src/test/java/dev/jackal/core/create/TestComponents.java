package dev.jackal.core.create;

import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.model.Component;
import java.nio.file.Path;

/** Components of test definitions, read strictly as {@code <pkg>/jackal.yaml} of a package named {@code t}. */
final class TestComponents {

    private TestComponents() {}

    /** The first component of a definition whose {@code components:} list is {@code yaml}. */
    static Component first(Path pkg, String yaml) {
        return DefinitionReader.parse(
                        pkg.resolve("jackal.yaml"),
                        "kind: JackalPackageConfig\nmetadata:\n  name: t\ncomponents:\n" + yaml.indent(2),
                        DefinitionReader.Strictness.STRICT)
                .pkg()
                .components()
                .get(0);
    }
}
