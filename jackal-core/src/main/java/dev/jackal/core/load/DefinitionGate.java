package dev.jackal.core.load;

import dev.jackal.core.archive.PackageExtractor;
import dev.jackal.core.definition.Definition;
import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.definition.NameRules;
import dev.jackal.core.model.JackalPackage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the definition the moment it leaves the archive and refuses the package there when it has no aggregate
 * checksum or a name breaks the rules ({@link NameRules}), before any further entry is extracted, anything is
 * written under a name from the package, or any cluster is asked anything.
 */
final class DefinitionGate implements PackageExtractor.DefinitionCheck {

    private final Path archive;
    private final String fileName;
    private JackalPackage pkg;
    private String text;

    /** @param fileName the definition's name in the archive, as shown in messages */
    DefinitionGate(Path archive, String fileName) {
        this.archive = archive;
        this.fileName = fileName;
    }

    @Override
    public String check(Path file) throws IOException {
        text = Files.readString(file, StandardCharsets.UTF_8);
        Path shown = Path.of(String.valueOf(archive.getFileName()), fileName);
        Definition definition = DefinitionReader.parse(shown, text, DefinitionReader.Strictness.LENIENT);
        NameRules.requireValid(definition);
        String aggregate = definition.pkg().metadata().aggregateChecksum();
        if (aggregate == null || aggregate.isEmpty()) {
            throw new PackageLoadException(
                    archive,
                    archive + " has no metadata.aggregateChecksum; it was not made by package create or was altered",
                    null);
        }
        pkg = definition.pkg();
        return aggregate;
    }

    JackalPackage pkg() {
        return pkg;
    }

    String text() {
        return text;
    }
}
