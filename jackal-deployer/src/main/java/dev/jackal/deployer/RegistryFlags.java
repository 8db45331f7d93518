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

    /**
     * {@code --retries} and {@code --oci-concurrency} of the commands that only move an {@code oci://} package ({@code
     * package publish}, {@code package pull}); deploy and inspect take them from their own flags.
     */
    static final class Transfer {

        @Option(
                names = "--retries",
                description = "Retries of each registry request (default: ${DEFAULT-VALUE}).",
                defaultValue = "3")
        int retries;

        @Option(
                names = "--oci-concurrency",
                description = "Files moved at once (default: ${DEFAULT-VALUE}).",
                defaultValue = "3")
        int ociConcurrency;
    }

    /** {@link #options(CommandSpec, int, int)} with the {@link Transfer} flags. */
    RemoteOptions options(CommandSpec spec, Transfer transfer) {
        return options(spec, transfer.retries, transfer.ociConcurrency);
    }

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
