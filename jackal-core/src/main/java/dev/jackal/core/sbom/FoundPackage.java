package dev.jackal.core.sbom;

import java.util.Comparator;

/**
 * A software package found in an image's files.
 *
 * @param purl the package URL, e.g. {@code pkg:deb/debian/bash@5.2.15-2}
 * @param name the package name
 * @param version its version
 * @param source where it was found, e.g. {@code var/lib/dpkg/status}
 */
public record FoundPackage(String purl, String name, String version, String source) {

    /** The order packages are listed in: by package URL. */
    public static final Comparator<FoundPackage> ORDER =
            Comparator.comparing(FoundPackage::purl).thenComparing(FoundPackage::source);
}
