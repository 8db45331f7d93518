package dev.jackal.deployer;

import dev.jackal.cluster.DestroyRequest;
import dev.jackal.cluster.DestroyResult;
import dev.jackal.cluster.JackalEngine;
import dev.jackal.core.deploy.DeployCancelledException;
import dev.jackal.deployer.console.ConsoleEvents;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jackal destroy --confirm}: takes back what {@code init} did. */
@Command(
        name = "destroy",
        mixinStandardHelpOptions = true,
        description = "Remove what init put into the cluster: the registry, the agent, its webhook, the jackal"
                + " namespace, the namespace labels and jackal's secrets.")
final class DestroyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Option(names = "--confirm", description = "Required: destroy does not ask, it needs to be told.")
    boolean confirm;

    @Option(
            names = "--remove-components",
            description = "Also uninstall jackal's Helm releases (jackal-*) outside the jackal namespace.")
    boolean removeComponents;

    @Option(
            names = "--timeout",
            description = "How long to wait for the jackal namespace to go (default: ${DEFAULT-VALUE}).",
            defaultValue = "5m")
    String timeout;

    @Override
    public Integer call() {
        if (!confirm) {
            throw new DeployCancelledException(
                    "destroy removes jackal's registry, agent and namespace from the cluster: pass --confirm to do it");
        }
        try (ConsoleEvents events = global.console(spec.commandLine().getErr());
                JackalEngine engine = JackalEngine.connect(events)) {
            DestroyResult result = engine.destroy(
                    new DestroyRequest(removeComponents, Durations.parse(spec.commandLine(), "--timeout", timeout)));
            events.lifecycle("destroyed: " + result.releases().size() + " release(s), "
                    + result.unlabelledNamespaces().size() + " namespace label(s), "
                    + result.secrets().size()
                    + " secret(s)");
            return ExitCodes.OK;
        }
    }
}
