package dev.jackal.deployer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jackal package …}. */
@Command(
        name = "package",
        aliases = "p",
        mixinStandardHelpOptions = true,
        description = "Create, inspect and deploy packages.")
final class PackageCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
