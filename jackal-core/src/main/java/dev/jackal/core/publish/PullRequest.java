package dev.jackal.core.publish;

import dev.jackal.core.remote.RemoteOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A package to pull from a registry into a local archive.
 *
 * @param url {@code oci://REGISTRY/REPOSITORY/NAME:TAG} (or {@code @sha256:…})
 * @param architecture the index entry to pull ({@code skeleton} for the skeleton); empty: the only package in the
 *     index, else the machine's architecture
 * @param outputDir where the archive is written
 * @param options registry options, credentials, concurrency
 */
public record PullRequest(String url, Optional<String> architecture, Path outputDir, RemoteOptions options) {

    public PullRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(options, "options");
    }
}
