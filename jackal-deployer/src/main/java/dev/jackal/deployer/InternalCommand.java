package dev.jackal.deployer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jackal internal …}: commands jackal runs inside the cluster, not meant for people (hidden from help). */
@Command(
        name = "internal",
        hidden = true,
        mixinStandardHelpOptions = true,
        description = "Commands jackal runs inside the cluster.")
final class InternalCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
