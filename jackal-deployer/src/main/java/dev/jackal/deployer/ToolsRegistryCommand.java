package dev.jackal.deployer;

import dev.jackal.cluster.JackalEngine;
import dev.jackal.cluster.RegistryListRequest;
import dev.jackal.cluster.RegistryListResult;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.oci.RegistryTlsException;
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

    /**
     * Runs {@code request}; a TLS failure's advice names this command's {@code --insecure} instead of the push and
     * create flags the core suggests.
     */
    static RegistryListResult list(RegistryListRequest request, EventHandler events) {
        try {
            return JackalEngine.listRegistry(request, events);
        } catch (RegistryTlsException e) {
            if (request.insecure()) {
                throw e;
            }
            throw new RegistryTlsException(
                    e.registry(),
                    e.getMessage()
                            .replace("--insecure-skip-tls-verify", "--insecure")
                            .replace("--plain-http", "--insecure"),
                    e);
        }
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
