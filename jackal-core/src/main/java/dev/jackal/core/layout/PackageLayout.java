package dev.jackal.core.layout;

import java.nio.file.Path;

/**
 * The on-disk layout of an unpacked package (spec §2.2). Every path of a package directory is named here
 * and nowhere else.
 */
public record PackageLayout(Path root) {

    public static final String DEFINITION = "jackal.yaml";
    public static final String CHECKSUMS = "checksums.txt";
    public static final String SIGNATURE = "jackal.yaml.sig";
    public static final String COMPONENTS = "components";
    public static final String IMAGES = "images";
    public static final String SBOMS = "sboms.tar";
    public static final String SBOM_DIR = "jackal-sbom";

    public Path definition() {
        return root.resolve(DEFINITION);
    }

    public Path checksums() {
        return root.resolve(CHECKSUMS);
    }

    public Path signature() {
        return root.resolve(SIGNATURE);
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
