package dev.jackal.core.publish;

import dev.jackal.core.remote.RemoteOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A package to publish.
 *
 * @param source a package archive ({@code .tar.zst}, {@code .tar}, or the {@code .part000} of a split one), or a
 *     package directory, published as its skeleton
 * @param destination {@code oci://REGISTRY/REPOSITORY}; the package goes to {@code …/<name>:<version>[-<flavor>]}
 * @param flavor for a skeleton: the flavor its components are filtered by (empty: none)
 * @param options registry options, credentials, concurrency
 * @param overwrite whether a different package of the same architecture already under the tag may be replaced (when
 *     false, such a publish is refused before anything is sent; the same package again is always accepted)
 * @param annotations added to the manifest's and the config's annotations, e.g. the Maven coordinates a build tool
 *     published the package under; they never replace one the package itself sets (title, description, created, …)
 */
public record PublishRequest(
        Path source,
        String destination,
        String flavor,
        RemoteOptions options,
        boolean overwrite,
        Map<String, String> annotations) {

    public PublishRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(options, "options");
        flavor = flavor == null ? "" : flavor;
        annotations = Map.copyOf(annotations);
    }

    public PublishRequest(Path source, String destination, String flavor, RemoteOptions options, boolean overwrite) {
        this(source, destination, flavor, options, overwrite, Map.of());
    }

    /** Replaces what the tag holds for the package's architecture, as Zarf does. */
    public PublishRequest(Path source, String destination, String flavor, RemoteOptions options) {
        this(source, destination, flavor, options, true);
    }

    public PublishRequest(Path source, String destination, RemoteOptions options) {
        this(source, destination, "", options, true);
    }

    public PublishRequest withOverwrite(boolean value) {
        return new PublishRequest(source, destination, flavor, options, value, annotations);
    }

    /** The same request with these extra annotations (replacing earlier extra ones). */
    public PublishRequest withAnnotations(Map<String, String> extra) {
        return new PublishRequest(source, destination, flavor, options, overwrite, extra);
    }
}
