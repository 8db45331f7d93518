package dev.jackal.deployer;

import dev.jackal.core.oci.DockerConfigCredentials;
import dev.jackal.core.oci.RegistryOptions;
import dev.jackal.core.remote.RemoteOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** How commands that read or write {@code oci://} packages reach the registry. */
final class RegistryFlags {

    @Option(names = "--plain-http", description = "Talk to the package's registry over plain HTTP.")
    boolean plainHttp;

    @Option(
            names = "--insecure-skip-tls-verify",
            description = "Accept any certificate from the package's registry (it is still encrypted).")
    boolean insecureSkipTlsVerify;

    /** The options for an {@code oci://} package; credentials from the Docker config and its helpers. */
    RemoteOptions options(CommandSpec spec, int retries, int concurrency) {
        if (concurrency < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--oci-concurrency must be at least 1, not " + concurrency);
        }
        if (retries < 0) {
            throw new ParameterException(spec.commandLine(), "--retries must be at least 0, not " + retries);
        }
        return new RemoteOptions(
                RegistryOptions.defaults()
                        .withPlainHttp(plainHttp)
                        .withInsecureSkipTlsVerify(insecureSkipTlsVerify)
                        .withRetries(retries),
                DockerConfigCredentials.fromEnvironment(),
                concurrency);
    }
}
