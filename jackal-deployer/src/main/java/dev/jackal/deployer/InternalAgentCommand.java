package dev.jackal.deployer;

import dev.jackal.cluster.Agent;
import dev.jackal.cluster.AgentSettings;
import dev.jackal.deployer.console.ConsoleEvents;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jackal internal agent}: the mutating admission webhook (spec §9); runs until SIGTERM. */
@Command(
        name = "agent",
        mixinStandardHelpOptions = true,
        description = "Run the mutating admission webhook that points pods and git/OCI sources at the air-gap"
                + " registry and git server.")
final class InternalAgentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Option(names = "--port", description = "HTTPS port (default: ${DEFAULT-VALUE}).", defaultValue = "8443")
    int port;

    @Option(
            names = "--bind-address",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.0.0.0")
    String bindAddress;

    @Option(
            names = "--cert-dir",
            description = "Directory with tls.crt and tls.key, PEM (default: ${DEFAULT-VALUE}).",
            defaultValue = "/etc/certs")
    Path certDir;

    @Option(
            names = "--state-file",
            description = "The mounted jackal-state secret's state key (default: ${DEFAULT-VALUE}).",
            defaultValue = "/etc/jackal-state/state")
    Path stateFile;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new OptionException("--port", port, "is not a port; use 1 to 65535");
        }
        try (ConsoleEvents events = global.console(spec.commandLine().getErr());
                Agent agent = Agent.start(new AgentSettings(bindAddress, port, certDir, stateFile), events)) {
            Thread stop = new Thread(agent::close, "jackal-agent-stop");
            Runtime.getRuntime().addShutdownHook(stop);
            agent.awaitStop();
            return ExitCodes.OK;
        }
    }
}
