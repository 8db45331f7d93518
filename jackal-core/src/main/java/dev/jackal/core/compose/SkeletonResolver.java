package dev.jackal.core.compose;

import dev.jackal.core.definition.Definition;
import java.nio.file.Path;

/**
 * Fetches the definition of a published skeleton package for {@code import.url}. The seam through which
 * OCI and Maven-coordinate imports plug into composition.
 */
public interface SkeletonResolver {

    /**
     * The skeleton's definition, with its component files extracted under the returned directory.
     *
     * @param url the {@code import.url}, e.g. {@code oci://registry/ns/name:1.0.0}
     */
    Resolved resolve(String url);

    /**
     * The directory of the skeleton that {@code import.maven} names, unpacked by {@link SkeletonArchive#unpack} (its
     * definition at the top, each component's files under {@code components/<name>/}). Only a build tool knows the
     * version and where the file is; everywhere else this refuses.
     *
     * @param coordinates {@code groupId:artifactId}
     * @throws SkeletonImportException when the skeleton cannot be had
     */
    default Path maven(String coordinates) {
        throw new SkeletonImportException(
                coordinates,
                "import.maven needs Maven, which manages the skeleton's version: build with mvn jackal:package, or"
                        + " import the published skeleton with import.url (oci://…)");
    }

    /**
     * Unpacks the skeleton archive that an {@code import.path} names and returns its directory; by default under
     * {@code java.io.tmpdir}{@code /jackal-skeletons/}, one directory per archive path, unpacked again only when the
     * archive's bytes change.
     *
     * @param source the path as the definition writes it, for messages
     * @throws SkeletonImportException when the file is not a skeleton or is damaged
     */
    default Path unpack(Path archive, String source) {
        return SkeletonArchive.unpack(archive, SkeletonArchive.defaultDir(archive), source);
    }

    /** A resolved skeleton: its definition and the local directory its paths are relative to. */
    record Resolved(Definition definition, Path directory) {}

    /** The resolver used until remote imports are available: refuses with a clear message. */
    SkeletonResolver UNSUPPORTED = url -> {
        throw new UnsupportedOperationException("importing components from " + url
                + " needs an OCI skeleton resolver; use a local 'import.path' for now");
    };
}
