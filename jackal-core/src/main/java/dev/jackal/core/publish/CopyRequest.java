package dev.jackal.core.publish;

import dev.jackal.core.remote.RemoteOptions;
import java.util.Objects;
import java.util.Optional;

/**
 * A published package to copy to another repository, byte for byte.
 *
 * @param source {@code oci://REGISTRY/REPOSITORY/NAME:TAG}
 * @param destination {@code oci://REGISTRY/REPOSITORY}
 * @param architecture the index entry to copy; empty: the only package in the index, else the machine's
 * @param options registry options (for both registries), credentials, concurrency
 */
public record CopyRequest(String source, String destination, Optional<String> architecture, RemoteOptions options) {

    public CopyRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(options, "options");
    }
}
