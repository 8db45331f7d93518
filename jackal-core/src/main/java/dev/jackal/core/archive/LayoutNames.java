package dev.jackal.core.archive;

import java.util.List;

/** The root files of a package directory that the archive code treats specially (spec §2.2, §2.6). */
final class LayoutNames {

    static final String DEFINITION = "jackal.yaml";
    static final String CHECKSUMS = "checksums.txt";
    static final String SIGNATURE = "jackal.yaml.sig";

    /** Root files that checksums.txt never lists; also the files an archive carries first. */
    static final List<String> METADATA = List.of(DEFINITION, SIGNATURE, CHECKSUMS);

    private LayoutNames() {}
}
