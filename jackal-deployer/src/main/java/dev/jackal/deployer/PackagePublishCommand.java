package dev.jackal.deployer;

import dev.jackal.core.publish.CopyRequest;
import dev.jackal.core.publish.PackagePublisher;
import dev.jackal.core.publish.PublishRequest;
import dev.jackal.core.remote.PackageUrl;
import dev.jackal.core.remote.PublishResult;
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

/** {@code jackal package publish <PACKAGE|DIR> oci://REGISTRY/REPOSITORY}. */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = "Publish a package archive, or the skeleton of a package directory, to an OCI registry as"
                + " REPOSITORY/NAME:VERSION[-FLAVOR].")
final class PackagePublishCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Parameters(
            index = "0",
            paramLabel = "PACKAGE|DIR|oci://…",
            description = "A .tar.zst, .tar or .part000 package, a package directory (published as a skeleton), or a"
                    + " published package (oci://REGISTRY/REPOSITORY/NAME:VERSION, copied as it is).")
    String source;

    @Parameters(index = "1", paramLabel = "oci://REGISTRY/REPOSITORY", description = "Where to publish.")
    String destination;

    @Option(
            names = {"-f", "--flavor"},
            description = "For a directory: keep only components without a flavor or with this one.")
    String flavor = "";

    @Option(
            names = {"-a", "--architecture"},
            description = "For an oci:// source: the architecture to copy (default: the only one published, else"
                    + " this machine's).")
    String architecture;

    @Mixin
    RegistryFlags registry;

    @Mixin
    RegistryFlags.Transfer transfer;

    @Override
    public Integer call() {
        var options = registry.options(spec, transfer);
        try (ConsoleEvents events = global.console(spec.commandLine().getErr())) {
            PackagePublisher publisher = new PackagePublisher(events, global.tempRoot());
            PublishResult result = PackageUrl.isOci(source)
                    ? publisher.copy(new CopyRequest(
                            source,
                            destination,
                            Optional.ofNullable(architecture).filter(a -> !a.isBlank()),
                            options))
                    : publisher.publish(new PublishRequest(Path.of(source), destination, flavor, options));
            spec.commandLine().getOut().println(result.url());
            return ExitCodes.OK;
        }
    }
}
