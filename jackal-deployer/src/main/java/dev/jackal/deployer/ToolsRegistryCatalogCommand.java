package dev.jackal.deployer;

import dev.jackal.cluster.RegistryListRequest;
import dev.jackal.deployer.console.ConsoleEvents;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jackal tools registry catalog [REGISTRY]}: a registry's repositories, one a line. */
@Command(
        name = "catalog",
        mixinStandardHelpOptions = true,
        description = {
            "List the repositories of REGISTRY, one a line; without REGISTRY, those of the cluster's registry.",
            "The cluster's registry (also when named by its address) is asked with the state's pull credentials,"
                    + " through a port-forward when its NodePort does not answer from here; any other registry with"
                    + " the Docker config's credentials, without the cluster."
        },
        footer = {
            "%nExamples:",
            "  jackal tools registry catalog",
            "  jackal tools registry catalog 127.0.0.1:5000 --insecure"
        })
final class ToolsRegistryCatalogCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Mixin
    ToolsRegistryCommand.InsecureFlag flags;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "REGISTRY",
            description = "host[:port] (default: the cluster's registry).")
    String registry;

    @Override
    public Integer call() {
        try (ConsoleEvents events = global.console(spec.commandLine().getErr())) {
            return ToolsRegistryCommand.print(
                    spec, ToolsRegistryCommand.list(RegistryListRequest.catalog(registry, flags.insecure), events));
        }
    }
}
