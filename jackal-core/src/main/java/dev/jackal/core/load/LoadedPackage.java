package dev.jackal.core.load;

import dev.jackal.core.archive.ExtractOptions;
import dev.jackal.core.archive.SafeExtractor;
import dev.jackal.core.layout.Directories;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.layout.PackageLayout;
import dev.jackal.core.model.JackalPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A package unpacked into a temporary directory and verified. Closing it deletes the directory.
 *
 * @param source the archive it came from
 * @param layout the unpacked package
 * @param pkg the stored definition
 * @param definitionText {@code jackal.yaml} (or {@code zarf.yaml}) exactly as stored
 */
public record LoadedPackage(Path source, PackageLayout layout, JackalPackage pkg, String definitionText)
        implements AutoCloseable {

    /**
     * Writes the package's SBOMs into {@code dir/<package name>/} (unpacked safely from {@code sboms.tar}).
     *
     * @return where they went, or empty when the package has none
     */
    public Optional<Path> writeSboms(Path dir) throws IOException {
        if (!Files.isRegularFile(layout.sboms())) {
            return Optional.empty();
        }
        Path base = dir.toAbsolutePath().normalize();
        Path target = base.resolve(pkg.metadata().name()).normalize();
        if (!base.equals(target.getParent())) {
            // the loader has checked the name already; this only guards against a caller that built its own
            throw new IllegalStateException("package name '" + pkg.metadata().name() + "' is not one directory name");
        }
        SafeExtractor.extract(layout.sboms(), target, ExtractOptions.defaults());
        return Optional.of(target);
    }

    /** Whose names the package uses: jackal's, or Zarf's for a package built by Zarf. */
    public PackageDialect dialect() {
        return layout.dialect();
    }

    /**
     * One line saying whose package this is, for {@code inspect}: {@code dialect: zarf (built by zarf v0.32.6;
     * zarf.yaml, ZarfPackageConfig, ###ZARF_*### markers)}, or {@code dialect: jackal (built by jackal v0.1.0)}.
     */
    public String origin() {
        String version = pkg.build() == null || pkg.build().version() == null
                ? ""
                : " " + pkg.build().version();
        PackageDialect dialect = dialect();
        String built = "built by " + dialect.prefix() + version;
        return "dialect: " + dialect.prefix() + " ("
                + (dialect == PackageDialect.JACKAL
                        ? built
                        : built + "; " + dialect.definitionFile() + ", " + pkg.kind() + ", " + dialect.markerPrefix()
                                + "*### markers")
                + ")";
    }

    /** Every distinct image of the package's components, in definition order. */
    public List<String> images() {
        return pkg.components().stream()
                .flatMap(c -> c.images().stream())
                .distinct()
                .toList();
    }

    @Override
    public void close() {
        Directories.delete(layout.root().getParent());
    }
}
