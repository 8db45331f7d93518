package dev.jackal.core.compose;

import java.nio.file.Path;

/**
 * Where composition gets the skeletons that imports name: {@code import.url} (a registry), {@code import.maven}
 * (a build tool's dependency) and an {@code import.path} that is a skeleton archive. Each front end gives what it can
 * reach; the defaults refuse in one line.
 */
public interface SkeletonResolver {

    /**
     * The directory of the skeleton that {@code import.url} names ({@code oci://REGISTRY/REPOSITORY/NAME:VERSION}),
     * pulled and unpacked by {@link SkeletonArchive#unpack}. Only a front end that can reach registries resolves it
     * (the publish package's {@code OciSkeletons}); by default this refuses.
     *
     * @throws SkeletonImportException when the skeleton cannot be had; caused by a
     *     {@link dev.jackal.core.OfflineException} when offline and not cached, which composition passes on as one
     */
    default Path url(String url) {
        throw new SkeletonImportException(
                url, "importing components from " + url + " needs registry access, which this caller does not give");
    }

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

    /** Resolves only local archives: {@code import.url} and {@code import.maven} refuse. */
    SkeletonResolver LOCAL_ONLY = new SkeletonResolver() {};
}
