package dev.jackal.deployer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jackal tools …}: helpers for packages' actions and for operators. */
@Command(
        name = "tools",
        aliases = "t",
        mixinStandardHelpOptions = true,
        description = "Helpers for actions and operators.")
final class ToolsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
