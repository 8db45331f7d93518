package dev.jackal.core.load;

import dev.jackal.core.archive.PackageExtractor;
import dev.jackal.core.definition.Definition;
import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.definition.NameRules;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.model.JackalPackage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the definition the moment it leaves the archive and refuses the package there when it has no aggregate
 * checksum or a name breaks the rules ({@link NameRules}), before any further entry is extracted, anything is
 * written under a name from the package, or any cluster is asked anything.
 */
final class DefinitionGate implements PackageExtractor.DefinitionCheck {

    private final Path archive;
    private PackageDialect dialect = PackageDialect.JACKAL;
    private JackalPackage pkg;
    private String text;

    DefinitionGate(Path archive) {
        this.archive = archive;
    }

    /** The names a definition may have at the archive root (one per dialect), each with its signature files. */
    static Map<String, Set<String>> definitions() {
        return Arrays.stream(PackageDialect.values())
                .collect(Collectors.toUnmodifiableMap(
                        PackageDialect::definitionFile, d -> Set.copyOf(d.signatureFiles())));
    }

    @Override
    public String check(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        dialect = Arrays.stream(PackageDialect.values())
                .filter(d -> d.definitionFile().equals(fileName))
                .findFirst()
                .orElseThrow();
        text = Files.readString(file, StandardCharsets.UTF_8);
        Path shown = Path.of(String.valueOf(archive.getFileName()), fileName);
        Definition definition = DefinitionReader.parse(shown, text, DefinitionReader.Strictness.LENIENT);
        NameRules.requireValid(definition);
        pkg = requireKind(definition.pkg());
        String aggregate = definition.pkg().metadata().aggregateChecksum();
        if (aggregate == null || aggregate.isEmpty()) {
            throw new PackageLoadException(
                    archive,
                    archive + " has no metadata.aggregateChecksum; it was not made by package create or was altered",
                    null);
        }
        return aggregate;
    }

    /** {@code pkg} with its dialect's package kind when it has none; refused when its kind is another dialect's. */
    private JackalPackage requireKind(JackalPackage pkg) {
        if (pkg.kind() == null) {
            return pkg.withKind(dialect.kinds().get(0));
        }
        if (!dialect.accepts(pkg.kind())) {
            throw new PackageLoadException(
                    archive,
                    archive.getFileName() + ": " + dialect.definitionFile() + " has kind " + pkg.kind() + ", but a "
                            + dialect.definitionFile() + " must say "
                            + dialect.kinds().get(0) + " or "
                            + dialect.kinds().get(1) + "; the definition file and its kind disagree, so the package"
                            + " was altered",
                    null);
        }
        return pkg;
    }

    PackageDialect dialect() {
        return dialect;
    }

    JackalPackage pkg() {
        return pkg;
    }

    String text() {
        return text;
    }
}
