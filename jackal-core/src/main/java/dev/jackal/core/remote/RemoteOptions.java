package dev.jackal.core.remote;

import dev.jackal.core.JackalVersion;
import dev.jackal.core.oci.CredentialProvider;
import dev.jackal.core.oci.DockerConfigCredentials;
import dev.jackal.core.oci.RegistryClient;
import dev.jackal.core.oci.RegistryOptions;
import java.util.Objects;

/**
 * How to reach the registry of a published package: the registry options (plain HTTP, TLS verification, retries),
 * where credentials come from, and how many blobs move at once.
 *
 * @param registry options for the package's registry
 * @param credentials e.g. {@link DockerConfigCredentials#fromEnvironment()}
 * @param concurrency blobs uploaded or downloaded at once (at least 1)
 */
public record RemoteOptions(RegistryOptions registry, CredentialProvider credentials, int concurrency) {

    /** Zarf's default for {@code --oci-concurrency}. */
    public static final int DEFAULT_CONCURRENCY = 3;

    public RemoteOptions {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(credentials, "credentials");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
    }

    /** Default registry options, the Docker config's credentials, {@value #DEFAULT_CONCURRENCY} blobs at once. */
    public static RemoteOptions defaults() {
        return new RemoteOptions(
                RegistryOptions.defaults(), DockerConfigCredentials.fromEnvironment(), DEFAULT_CONCURRENCY);
    }

    public RemoteOptions withRegistry(RegistryOptions value) {
        return new RemoteOptions(value, credentials, concurrency);
    }

    public RemoteOptions withCredentials(CredentialProvider value) {
        return new RemoteOptions(registry, value, concurrency);
    }

    public RemoteOptions withConcurrency(int value) {
        return new RemoteOptions(registry, credentials, value);
    }

    /** A client for the package's registry with these options. */
    public RegistryClient client() {
        return RegistryClient.builder()
                .credentials(credentials)
                .defaults(registry)
                .userAgent("jackal/" + JackalVersion.get())
                .build();
    }
}
