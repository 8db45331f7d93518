package dev.jackal.deployer;

import dev.jackal.cluster.DeployOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The flags every command that deploys a package shares ({@code package deploy}, {@code init}). */
final class DeployFlags {

    @Option(names = "--components", description = "Comma-separated components to deploy (globs; -name excludes).")
    String components = "";

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A value for the variable KEY.")
    List<String> set = new ArrayList<>();

    @Option(names = "--adopt-existing-resources", description = "Take over namespaces and objects that exist.")
    boolean adopt;

    @Option(
            names = "--timeout",
            description = "How long each chart may take (default: ${DEFAULT-VALUE}).",
            defaultValue = "15m")
    String timeout;

    @Option(
            names = "--retries",
            description = "Attempts per chart, and retries of each registry request (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int retries;

    @Option(
            names = "--oci-concurrency",
            description = "Image blobs pushed, and oci:// package files pulled, at once (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int ociConcurrency;

    /** Rejects values no deploy can use; call before anything is read or contacted. */
    void check(CommandSpec spec) {
        if (ociConcurrency < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--oci-concurrency must be at least 1, not " + ociConcurrency);
        }
    }

    /** The engine's options from these flags. */
    DeployOptions options(CommandSpec spec, DeployOptions.Prompts prompts) {
        return new DeployOptions(
                components,
                KeyValues.parse(spec.commandLine(), "--set", set),
                adopt,
                Durations.parse(spec.commandLine(), "--timeout", timeout),
                retries,
                SelfCommand.get(),
                prompts,
                ociConcurrency);
    }
}
