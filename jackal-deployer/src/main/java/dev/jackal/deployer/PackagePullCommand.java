package dev.jackal.deployer;

import dev.jackal.core.publish.PackagePuller;
import dev.jackal.core.publish.PullRequest;
import dev.jackal.core.publish.PullResult;
import dev.jackal.deployer.console.ConsoleEvents;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jackal package pull oci://REGISTRY/REPOSITORY/NAME:VERSION [-o DIR]}. */
@Command(
        name = "pull",
        mixinStandardHelpOptions = true,
        description = "Pull a package from an OCI registry into a verified package archive.")
final class PackagePullCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", paramLabel = "oci://REGISTRY/REPOSITORY/NAME:VERSION", description = "The package.")
    String source;

    @Option(
            names = {"-o", "--output-directory"},
            paramLabel = "DIR",
            description = "Where to write the archive (default: the current directory).")
    Path output = Path.of(".");

    @Option(
            names = {"-a", "--architecture"},
            description = "The architecture to pull, or skeleton (default: the only one published, else this"
                    + " machine's).")
    String architecture;

    @Mixin
    RegistryFlags registry;

    @Mixin
    RegistryFlags.Transfer transfer;

    @Override
    public Integer call() {
        var options = registry.options(spec, transfer);
        try (ConsoleEvents events = global.console(spec.commandLine().getErr())) {
            PullResult result = new PackagePuller(events, global.tempRoot())
                    .pull(new PullRequest(
                            source, Optional.ofNullable(architecture).filter(a -> !a.isBlank()), output, options));
            spec.commandLine().getOut().println(result.archive());
            return ExitCodes.OK;
        }
    }
}
