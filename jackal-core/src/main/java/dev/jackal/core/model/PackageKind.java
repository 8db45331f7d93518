package dev.jackal.core.model;

/**
 * The kind of a package definition. jackal writes the {@code Jackal} kinds; the {@code Zarf} kinds are read
 * from packages built by Zarf (see {@code PackageDialect}) and kept as they are, so a deployed Zarf package
 * is recorded as one.
 */
public enum PackageKind {
    JackalPackageConfig,
    JackalInitConfig,
    ZarfPackageConfig,
    ZarfInitConfig;

    /** Whether this is the kind of an init package. */
    public boolean isInit() {
        return this == JackalInitConfig || this == ZarfInitConfig;
    }
}
