package dev.jackal.deployer;

import dev.jackal.core.JackalVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jackal version}: prints the bare version, for scripts. */
@Command(name = "version", description = "Print the version of jackal.")
final class VersionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(JackalVersion.get());
    }
}
