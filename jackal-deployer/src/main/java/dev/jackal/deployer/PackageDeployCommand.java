package dev.jackal.deployer;

import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.load.PackageLoader;
import dev.jackal.deployer.cluster.DeployOptions;
import dev.jackal.deployer.cluster.Kube;
import dev.jackal.deployer.cluster.PackageDeployer;
import dev.jackal.deployer.console.ConsoleEvents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jackal package deploy <SRC>}. */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = "Deploy a package (.tar.zst, .tar or .part000) to the cluster of the current kubeconfig.")
final class PackageDeployCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", paramLabel = "SRC", description = "The package archive.")
    Path source;

    @Option(names = "--confirm", description = "Deploy without asking.")
    boolean confirm;

    @Option(names = "--components", description = "Comma-separated components to deploy (globs; -name excludes).")
    String components = "";

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A value for the variable KEY.")
    List<String> set = new ArrayList<>();

    @Option(names = "--shasum", description = "The expected SHA-256 of a split package.")
    String shasum;

    @Option(names = "--adopt-existing-resources", description = "Take over namespaces and objects that exist.")
    boolean adopt;

    @Option(
            names = "--timeout",
            description = "How long each chart may take (default: ${DEFAULT-VALUE}).",
            defaultValue = "15m")
    String timeout;

    @Option(names = "--retries", description = "Attempts per chart (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    int retries;

    @Override
    public Integer call() {
        DeployOptions options = new DeployOptions(
                components,
                KeyValues.parse(spec.commandLine(), "--set", set),
                adopt,
                Durations.parse(spec.commandLine(), "--timeout", timeout),
                retries,
                SelfCommand.get());
        try (ConsoleEvents events = global.console(spec.commandLine().getErr());
                LoadedPackage loaded =
                        new PackageLoader(events, global.tempRoot()).load(source, Optional.ofNullable(shasum));
                Kube kube = Kube.connect()) {
            new PackageDeployer(events, kube).deploy(loaded, options);
            return ExitCodes.OK;
        }
    }
}
