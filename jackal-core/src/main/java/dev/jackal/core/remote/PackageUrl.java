package dev.jackal.core.remote;

import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.InvalidReferenceException;

/**
 * {@code oci://} references: a package ({@code oci://REGISTRY/REPO/NAME:TAG} or {@code …@sha256:…}) and a publish
 * destination ({@code oci://REGISTRY/REPO}, the prefix the package's name and version are appended to).
 */
public final class PackageUrl {

    public static final String SCHEME = "oci://";

    private PackageUrl() {}

    /** Whether {@code source} is an {@code oci://} reference. */
    public static boolean isOci(String source) {
        return source != null && source.startsWith(SCHEME);
    }

    /** The package {@code url} names; it must carry a tag or a digest. */
    public static ImageReference parse(String url) {
        String rest = strip(url);
        int slash = rest.lastIndexOf('/');
        String last = rest.substring(slash + 1);
        if (slash < 0 || (!last.contains(":") && !last.contains("@"))) {
            throw new RemotePackageException(
                    url,
                    url + " names no version: write " + SCHEME + "REGISTRY/REPOSITORY/NAME:VERSION (e.g. " + SCHEME
                            + "ghcr.io/acme/packages/demo:1.0.0)");
        }
        try {
            return ImageReference.parse(rest);
        } catch (InvalidReferenceException e) {
            throw new RemotePackageException(url, url + " is not a valid package reference: " + e.getMessage(), e);
        }
    }

    /**
     * The repository prefix of a publish destination, e.g. {@code 127.0.0.1:5000/packages} for {@code
     * oci://127.0.0.1:5000/packages}; it names no tag (the package's version becomes the tag).
     */
    public static String repositoryPrefix(String url) {
        String rest = strip(url);
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        int slash = rest.indexOf('/');
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        if (path.contains(":") || path.contains("@") || rest.isEmpty()) {
            throw new RemotePackageException(
                    url,
                    url + " is not a publish destination: give the registry and repository only, e.g. " + SCHEME
                            + "ghcr.io/acme/packages (the package's name and version are added)");
        }
        try {
            ImageReference probe = ImageReference.parse(rest + "/probe:probe");
            if (slash < 0 && !probe.registry().equals(rest)) {
                throw new InvalidReferenceException(rest, "it names no registry host");
            }
            return slash < 0
                    ? probe.registry()
                    : probe.registry() + "/"
                            + probe.repository().substring(0, probe.repository().length() - "/probe".length());
        } catch (InvalidReferenceException e) {
            throw new RemotePackageException(url, url + " is not a valid publish destination: " + e.getMessage(), e);
        }
    }

    /** {@code oci://} + the reference, as users write it. */
    public static String format(ImageReference reference) {
        return SCHEME + reference;
    }

    private static String strip(String url) {
        if (!isOci(url)) {
            throw new RemotePackageException(
                    String.valueOf(url), url + " is not an oci:// reference; write " + SCHEME + "REGISTRY/REPOSITORY");
        }
        return url.substring(SCHEME.length());
    }
}
