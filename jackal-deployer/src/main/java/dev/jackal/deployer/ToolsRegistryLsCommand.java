package dev.jackal.deployer;

import dev.jackal.cluster.RegistryListRequest;
import dev.jackal.deployer.console.ConsoleEvents;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jackal tools registry ls REPOSITORY}: a repository's tags, one a line. */
@Command(
        name = "ls",
        mixinStandardHelpOptions = true,
        description = {
            "List the tags of REPOSITORY, one a line.",
            "A repository of the cluster's registry (its address from the state, e.g. 127.0.0.1:31999) is asked with"
                    + " the state's push credentials, through a port-forward when its NodePort does not answer from"
                    + " here; any other with the Docker config's credentials, without the cluster."
        },
        footer = {
            "%nExamples:",
            "  jackal tools registry ls 127.0.0.1:31999/library/registry",
            "  jackal tools registry ls ghcr.io/stefanprodan/podinfo"
        })
final class ToolsRegistryLsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Mixin
    ToolsRegistryCommand.InsecureFlag flags;

    @Parameters(index = "0", paramLabel = "REPOSITORY", description = "host[:port]/path, without tag or digest.")
    String repository;

    @Override
    public Integer call() {
        try (ConsoleEvents events = global.console(spec.commandLine().getErr())) {
            return ToolsRegistryCommand.print(
                    spec, ToolsRegistryCommand.list(RegistryListRequest.tags(repository, flags.insecure), events));
        }
    }
}
