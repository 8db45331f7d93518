package dev.jackal.deployer;

import dev.jackal.cluster.RegistryListResult;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jackal tools registry …}: the cluster's registry and others, as crane sees them (spec §10). */
@Command(
        name = "registry",
        aliases = "r",
        mixinStandardHelpOptions = true,
        description = {
            "List what a registry holds: the cluster's registry (from its jackal state, with its credentials and a"
                    + " port-forward when needed) or any other (with the Docker config's credentials)."
        })
final class ToolsRegistryCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** {@code --insecure}, as crane's. */
    static final class InsecureFlag {
        @CommandLine.Option(
                names = "--insecure",
                description = "Allow plain HTTP and accept any certificate for the registry.")
        boolean insecure;
    }

    /** Prints the names, one a line, and nothing else: stdout is for scripts. */
    static int print(CommandSpec spec, RegistryListResult result) {
        PrintWriter out = spec.commandLine().getOut();
        for (String name : result.names()) {
            out.println(name);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
