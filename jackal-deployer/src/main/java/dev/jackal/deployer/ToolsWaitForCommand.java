package dev.jackal.deployer;

import dev.jackal.cluster.JackalEngine;
import dev.jackal.core.wait.ClusterTarget;
import dev.jackal.core.wait.NetworkWaiter;
import dev.jackal.core.wait.WaitCondition;
import dev.jackal.core.wait.WaitException;
import dev.jackal.deployer.console.ConsoleEvents;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jackal tools wait-for {KIND|PROTOCOL} [NAME|SELECTOR|ADDRESS] [CONDITION|CODE]} (spec §10). */
@Command(
        name = "wait-for",
        aliases = {"w", "wait"},
        mixinStandardHelpOptions = true,
        description = {
            "Wait for a Kubernetes object to exist or meet a condition, or for a network endpoint to answer.",
            "KIND is a kind, plural or short name (pod, deployments, deploy, a CRD's names; .group qualifies it);"
                    + " the object is a NAME, a label SELECTOR (contains =), or left out for any object of the kind.",
            "CONDITION: exists (the default), delete, a condition type such as Ready or Available (Type=False for"
                    + " another status), or a JSONPath comparison '{.status.phase}'=Running (fields, [n], [*] and"
                    + " [?(@.type==\"X\")] filters).",
            "PROTOCOL http or https: ADDRESS is host:port/path and CODE a status code or success (any 2xx, the"
                    + " default); tcp: ADDRESS is host:port and a connection must succeed."
        },
        footer = {
            "%nExamples:",
            "  jackal tools wait-for pod my-pod Ready -n default",
            "  jackal tools wait-for deployment podinfo Available -n podinfo",
            "  jackal tools wait-for pod app=podinfo Ready -n podinfo",
            "  jackal tools wait-for crd widgets.example.dev",
            "  jackal tools wait-for sts web '{.status.availableReplicas}'=3 -n web",
            "  jackal tools wait-for http localhost:8080/healthz 200 --timeout 30s",
            "  jackal tools wait-for tcp localhost:5432"
        })
final class ToolsWaitForCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", paramLabel = "KIND|PROTOCOL", description = "What to wait for.")
    String kind;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "NAME|SELECTOR|ADDRESS",
            description = "Which object, or the endpoint's address.")
    String identifier = "";

    @Parameters(
            index = "2",
            arity = "0..1",
            paramLabel = "CONDITION|CODE",
            description = "The condition, or the HTTP status code.")
    String condition = "";

    @Option(
            names = {"-n", "--namespace"},
            description = "The object's namespace (default: the kubeconfig's).")
    String namespace = "";

    @Option(names = "--timeout", description = "How long to wait (default: ${DEFAULT-VALUE}).", defaultValue = "5m")
    String timeout;

    @Override
    public Integer call() {
        Duration limit = Durations.parse(spec.commandLine(), "--timeout", timeout);
        try (ConsoleEvents events = global.console(spec.commandLine().getErr())) {
            switch (kind.toLowerCase(Locale.ROOT)) {
                case "http", "https", "tcp" -> {
                    if (identifier.isBlank()) {
                        throw new WaitException("wait-for " + kind + " needs an address, such as localhost:8080");
                    }
                    new NetworkWaiter(events).await(kind, identifier, condition, limit);
                }
                default -> {
                    ClusterTarget target =
                            new ClusterTarget(kind, identifier, namespace, WaitCondition.parse(condition));
                    try (JackalEngine engine = JackalEngine.connect(events)) {
                        engine.waitFor(target, limit);
                    }
                }
            }
        }
        return ExitCodes.OK;
    }
}
