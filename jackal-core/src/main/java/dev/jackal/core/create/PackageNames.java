package dev.jackal.core.create;

import dev.jackal.core.model.JackalPackage;

/** Package file names (spec §2.1). */
public final class PackageNames {

    private PackageNames() {}

    /**
     * {@code jackal-package-<name>-<arch>[-<version>][-<flavor>].tar.zst}, or {@code jackal-init-<arch>-<version>…}
     * for init packages; {@code .tar} when uncompressed.
     */
    public static String archive(JackalPackage pkg, String flavor) {
        String arch = pkg.metadata().architecture();
        String version = pkg.metadata().version();
        StringBuilder name = new StringBuilder(
                pkg.kind() != null && pkg.kind().isInit()
                        ? "jackal-init-" + arch
                        : "jackal-package-" + pkg.metadata().name() + "-" + arch);
        if (version != null && !version.isEmpty()) {
            name.append('-').append(version);
        }
        if (flavor != null && !flavor.isEmpty()) {
            name.append('-').append(flavor);
        }
        return name.append(Boolean.TRUE.equals(pkg.metadata().uncompressed()) ? ".tar" : ".tar.zst")
                .toString();
    }
}
