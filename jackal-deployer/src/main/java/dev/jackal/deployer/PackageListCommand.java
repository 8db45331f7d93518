package dev.jackal.deployer;

import dev.jackal.cluster.JackalEngine;
import dev.jackal.core.state.DeployedComponent;
import dev.jackal.core.state.DeployedPackage;
import dev.jackal.deployer.console.ConsoleEvents;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jackal package list}: the packages deployed to the cluster. */
@Command(
        name = "list",
        aliases = {"l", "ls"},
        mixinStandardHelpOptions = true,
        description = "List the packages deployed to the cluster.")
final class PackageListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() {
        try (ConsoleEvents events = global.console(spec.commandLine().getErr());
                JackalEngine engine = JackalEngine.connect(events)) {
            List<DeployedPackage> packages = engine.list();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-30s %-15s %s%n", "Package", "Version", "Components");
            for (DeployedPackage pkg : packages) {
                String version = pkg.data() == null
                                || pkg.data().metadata() == null
                                || pkg.data().metadata().version() == null
                        ? ""
                        : pkg.data().metadata().version();
                out.printf(
                        "%-30s %-15s %s%n",
                        pkg.name(),
                        version,
                        pkg.deployedComponents().stream()
                                .map(DeployedComponent::name)
                                .collect(Collectors.joining(", ")));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
