package dev.jackal.core.model;

/** The kind of a package definition. */
public enum PackageKind {
    JackalPackageConfig,
    JackalInitConfig
}
