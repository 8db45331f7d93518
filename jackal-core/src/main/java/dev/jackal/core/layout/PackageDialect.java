package dev.jackal.core.layout;

import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.model.PackageKind;
import java.util.List;
import java.util.Locale;

/**
 * Which product's names a package uses (spec §0): jackal's own, or Zarf's for packages built by Zarf. The
 * dialect owns every name that differs between the two in what a package carries: the definition and signature
 * files, the kinds, the {@code ###<P>_...###} markers and the action environment. Names jackal gives the cluster
 * (package secret, labels, release names) are jackal's for both, since jackal manages what it deploys.
 */
public enum PackageDialect {
    JACKAL("jackal", PackageKind.JackalPackageConfig, PackageKind.JackalInitConfig),
    ZARF("zarf", PackageKind.ZarfPackageConfig, PackageKind.ZarfInitConfig);

    private final String prefix;
    private final PackageKind packageKind;
    private final PackageKind initKind;

    PackageDialect(String prefix, PackageKind packageKind, PackageKind initKind) {
        this.prefix = prefix;
        this.packageKind = packageKind;
        this.initKind = initKind;
    }

    /** The dialect a kind belongs to; jackal's for none. */
    public static PackageDialect of(PackageKind kind) {
        return ZARF.accepts(kind) ? ZARF : JACKAL;
    }

    /** The dialect of a definition: its kind's, jackal's when it has none. */
    public static PackageDialect of(JackalPackage pkg) {
        return pkg == null || pkg.kind() == null ? JACKAL : of(pkg.kind());
    }

    /** {@code jackal} or {@code zarf}: the product prefix of file names. */
    public String prefix() {
        return prefix;
    }

    /** {@code jackal.yaml} or {@code zarf.yaml}. */
    public String definitionFile() {
        return prefix + ".yaml";
    }

    /** The signature files a package of this dialect may carry at its root, never listed in checksums.txt. */
    public List<String> signatureFiles() {
        // later Zarf writes a Sigstore bundle beside (or instead of) the legacy signature
        return this == ZARF ? List.of("zarf.yaml.sig", "zarf.bundle.sig") : List.of(PackageLayout.SIGNATURE);
    }

    /** The kinds a definition of this dialect may have: package first, then init. */
    public List<PackageKind> kinds() {
        return List.of(packageKind, initKind);
    }

    /** Whether {@code kind} is one of this dialect's. */
    public boolean accepts(PackageKind kind) {
        return kind == packageKind || kind == initKind;
    }

    /** The start of every deploy-time marker: {@code ###JACKAL_} or {@code ###ZARF_}. */
    public String markerPrefix() {
        return "###" + envPrefix();
    }

    /** {@code ###JACKAL_VAR_NAME###}. */
    public String varMarker(String name) {
        return markerPrefix() + "VAR_" + name + "###";
    }

    /** {@code ###JACKAL_CONST_NAME###}. */
    public String constMarker(String name) {
        return markerPrefix() + "CONST_" + name + "###";
    }

    /** {@code ###JACKAL_TEMP###}: the unpacked package directory in a file's target. */
    public String tempMarker() {
        return markerPrefix() + "TEMP###";
    }

    /** {@code JACKAL_} or {@code ZARF_}: how template keys start once the {@code #} marks are gone. */
    public String envPrefix() {
        return prefix.toUpperCase(Locale.ROOT) + "_";
    }

    /** {@code jackal.dev} or {@code zarf.dev}: the domain of the labels and annotations a package's objects carry. */
    public String labelDomain() {
        return prefix + ".dev";
    }

    /** {@code ./jackal } or {@code ./zarf }: what an action command writes to run the deploying binary. */
    public String selfCommand() {
        return "./" + prefix + " ";
    }
}
