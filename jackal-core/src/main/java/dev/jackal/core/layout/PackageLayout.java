package dev.jackal.core.layout;

import java.nio.file.Path;
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
