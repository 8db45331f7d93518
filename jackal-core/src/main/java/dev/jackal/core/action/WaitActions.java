package dev.jackal.core.action;

import dev.jackal.core.model.Action;
import dev.jackal.core.model.WaitCluster;
import dev.jackal.core.model.WaitNetwork;
import dev.jackal.core.wait.ClusterTarget;
import dev.jackal.core.wait.ClusterWaiter;
import dev.jackal.core.wait.NetworkWaiter;
import dev.jackal.core.wait.WaitCondition;
import dev.jackal.core.wait.WaitException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs {@code wait} actions in this process (spec §1.6) instead of spawning {@code ./jackal tools wait-for}: the
 * same waiting code as that command, with the settings a wait always gets (muted, no retries, no directory or
 * environment, {@code setVariables} ignored) and {@code maxTotalSeconds} as the timeout, 300 when unset or below 1.
 * Before use, the fields are templated with the variables, written as {@code ###JACKAL_VAR_X###},
 * {@code ${JACKAL_VAR_X}} or {@code $JACKAL_VAR_X} (the last two are what a shell would have expanded).
 */
final class WaitActions {

    /** The timeout of a wait without {@code maxTotalSeconds}. */
    static final int DEFAULT_SECONDS = 300;

    private final Map<String, String> variables;
    private final List<String> keys;
    private final Redactor redactor;
    private final ClusterWaiter cluster;
    private final NetworkWaiter network;

    WaitActions(Map<String, String> variables, Redactor redactor, ClusterWaiter cluster, NetworkWaiter network) {
        this.variables = Map.copyOf(variables);
        this.keys = variables.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(k -> k))
                .toList();
        this.redactor = redactor;
        this.cluster = cluster;
        this.network = network;
    }

    void run(Action action) {
        Integer max = action.maxTotalSeconds();
        Duration timeout = Duration.ofSeconds(max != null && max >= 1 ? max : DEFAULT_SECONDS);
        WaitCluster onCluster = action.waitFor().cluster();
        WaitNetwork onNetwork = action.waitFor().network();
        String shown = action.description();
        try {
            if (onCluster != null) {
                ClusterTarget target = new ClusterTarget(
                        template(onCluster.kind()),
                        template(onCluster.name()),
                        template(onCluster.namespace()),
                        WaitCondition.parse(template(onCluster.condition())));
                shown = shown != null
                        ? shown
                        : "wait for " + target.describe() + " to "
                                + target.condition().describe();
                cluster.await(target, timeout);
            } else if (onNetwork != null) {
                String protocol = template(onNetwork.protocol()).toLowerCase(Locale.ROOT);
                String code = template(onNetwork.code());
                if (protocol.startsWith("http") && code.isBlank()) {
                    code = "200";
                }
                shown = shown != null ? shown : "wait for " + protocol + " " + template(onNetwork.address());
                network.await(protocol, template(onNetwork.address()), code, timeout);
            } else {
                throw new ActionFailedException("wait", "a wait action needs either cluster or network");
            }
        } catch (WaitException e) {
            String message = action.description() == null
                    ? e.getMessage()
                    : "\"" + action.description() + "\" failed: " + e.getMessage();
            throw new ActionFailedException(redactor.redact(shown), redactor.redact(message));
        }
    }

    /** Replaces every known variable in {@code text}; null becomes empty. */
    String template(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String out = text;
        for (String key : keys) {
            out = out.replace("###" + key + "###", variables.get(key)).replace("${" + key + "}", variables.get(key));
        }
        for (String key : keys) {
            out = out.replace("$" + key, variables.get(key));
        }
        return out;
    }
}
