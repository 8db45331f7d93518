package dev.jackal.core.layout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The on-disk layout of an unpacked package (spec §2.2). Every path of a package directory is named here
 * and nowhere else. The root files named after the product follow the package's {@link PackageDialect}:
 * {@code jackal.yaml} for jackal's packages, {@code zarf.yaml} for those built by Zarf.
 */
public record PackageLayout(Path root, PackageDialect dialect) {

    public static final String DEFINITION = "jackal.yaml";
    public static final String CHECKSUMS = "checksums.txt";
    public static final String SIGNATURE = "jackal.yaml.sig";
    public static final String COMPONENTS = "components";
    public static final String IMAGES = "images";
    public static final String SBOMS = "sboms.tar";
    public static final String SBOM_DIR = "jackal-sbom";

    public PackageLayout {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(dialect, "dialect");
    }

    /** A jackal package at {@code root}. */
    public PackageLayout(Path root) {
        this(root, PackageDialect.JACKAL);
    }

    /**
     * The dialects whose definition file is at {@code root}: one for a package, none for something else, two for
     * an archive that holds both {@code jackal.yaml} and {@code zarf.yaml}.
     */
    public static List<PackageDialect> dialectsAt(Path root) {
        List<PackageDialect> found = new ArrayList<>();
        for (PackageDialect dialect : PackageDialect.values()) {
            if (Files.isRegularFile(root.resolve(dialect.definitionFile()))) {
                found.add(dialect);
            }
        }
        return List.copyOf(found);
    }

    /** The same directory read as a package of {@code value}. */
    public PackageLayout withDialect(PackageDialect value) {
        return new PackageLayout(root, value);
    }

    public Path definition() {
        return root.resolve(dialect.definitionFile());
    }

    public Path checksums() {
        return root.resolve(CHECKSUMS);
    }

    /** The (first) signature file of the dialect: {@code jackal.yaml.sig} or {@code zarf.yaml.sig}. */
    public Path signature() {
        return root.resolve(dialect.signatureFiles().get(0));
    }

    /** The root files that checksums.txt never lists: definition, checksums.txt and the signature files. */
    public List<String> unlistedRootFiles() {
        List<String> names = new ArrayList<>();
        names.add(dialect.definitionFile());
        names.addAll(dialect.signatureFiles());
        names.add(CHECKSUMS);
        return List.copyOf(names);
    }

    public Path componentsDir() {
        return root.resolve(COMPONENTS);
    }

    /** {@code components/<name>.tar}. */
    public Path componentTar(String component) {
        return componentsDir().resolve(component + ".tar");
    }

    /** The OCI image layout of every image of the package. */
    public Path images() {
        return root.resolve(IMAGES);
    }

    public Path sboms() {
        return root.resolve(SBOMS);
    }
}
