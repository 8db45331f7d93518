package dev.jackal.core.create;

import dev.jackal.core.JackalVersion;
import dev.jackal.core.oci.CredentialProvider;
import dev.jackal.core.oci.DockerConfigCredentials;
import dev.jackal.core.oci.RegistryClient;

/** The registry client of one create run, set up from its options and the Docker config's credentials. */
final class Registries {

    private Registries() {}

    static RegistryClient client(CreateOptions options, CredentialProvider credentials) {
        return RegistryClient.builder()
                .credentials(credentials)
                .defaults(options.registryOptions())
                .userAgent("jackal/" + JackalVersion.get())
                .build();
    }

    static RegistryClient defaults() {
        return RegistryClient.builder()
                .credentials(DockerConfigCredentials.fromEnvironment())
                .userAgent("jackal/" + JackalVersion.get())
                .build();
    }
}
