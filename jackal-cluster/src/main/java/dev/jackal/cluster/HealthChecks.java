package dev.jackal.cluster;

import dev.jackal.cluster.ApiKinds.ResourceKind;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.model.HealthCheck;
import dev.jackal.core.wait.Poll;
import dev.jackal.core.wait.Readiness;
import dev.jackal.core.wait.WaitException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A component's {@code healthChecks} (spec §1.5): after its {@code onDeploy.after} actions, every listed object
 * must exist and be ready by {@link Readiness}'s kstatus-like rules within the deploy timeout. An object that has
 * failed ends the wait at once; a missing object or an unserved kind counts as not ready yet.
 */
public final class HealthChecks {

    private final EventHandler events;
    private final KubernetesClient client;
    private final ApiKinds kinds;
    private final Duration interval;

    public HealthChecks(EventHandler events, KubernetesClient client) {
        this(events, client, Poll.INTERVAL);
    }

    HealthChecks(EventHandler events, KubernetesClient client, Duration interval) {
        this.events = events;
        this.client = client;
        this.kinds = new ApiKinds(client, events);
        this.interval = interval;
    }

    /**
     * Returns once every object is ready.
     *
     * @throws WaitException {@code health check failed: …} naming each object that is not ready and why
     */
    public void await(List<HealthCheck> checks, Duration timeout) {
        if (checks.isEmpty()) {
            return;
        }
        events.info("running " + checks.size() + " health check" + (checks.size() == 1 ? "" : "s") + " (timeout "
                + Poll.format(timeout) + ")");
        List<String> pending = new ArrayList<>();
        try {
            Poll.until(
                    timeout,
                    interval,
                    () -> {
                        List<String> reasons = new ArrayList<>();
                        pending.clear();
                        for (HealthCheck check : checks) {
                            String reason = notReady(check);
                            if (reason != null) {
                                pending.add(describe(check));
                                reasons.add(reason);
                            }
                        }
                        return reasons.isEmpty()
                                ? null
                                : String.join("; ", reasons.size() == 1 ? reasons : prefixed(pending, reasons));
                    },
                    () -> String.join(", ", pending) + " to be ready");
        } catch (WaitException e) {
            throw new WaitException("health check failed: " + e.getMessage(), e);
        }
        events.info("health checks passed");
    }

    private String notReady(HealthCheck check) {
        try {
            Optional<ResourceKind> kind = kinds.forKind(check.apiVersion(), check.kind());
            if (kind.isEmpty()) {
                return "the server does not serve " + check.kind() + " in " + check.apiVersion();
            }
            GenericKubernetesResource found = kind.get().namespaced()
                    ? client.genericKubernetesResources(kind.get().context())
                            .inNamespace(namespace(check))
                            .withName(check.name())
                            .get()
                    : client.genericKubernetesResources(kind.get().context())
                            .withName(check.name())
                            .get();
            if (found == null) {
                return "not found";
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = client.getKubernetesSerialization().convertValue(found, Map.class);
            Readiness.Status status = Readiness.of(object);
            if (status.state() == Readiness.State.FAILED) {
                throw new WaitException(describe(check) + " failed: " + status.message());
            }
            return status.ready() ? null : status.message();
        } catch (KubernetesClientException e) {
            events.debug("health check of " + describe(check) + ": " + e.getMessage());
            return e.getMessage();
        }
    }

    private String namespace(HealthCheck check) {
        if (check.namespace() != null && !check.namespace().isEmpty()) {
            return check.namespace();
        }
        String configured = client.getNamespace();
        return configured == null || configured.isEmpty() ? "default" : configured;
    }

    private static String describe(HealthCheck check) {
        return check.kind() + "/" + check.name()
                + (check.namespace() == null || check.namespace().isEmpty()
                        ? ""
                        : " in namespace " + check.namespace());
    }

    private static List<String> prefixed(List<String> objects, List<String> reasons) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            out.add(objects.get(i) + ": " + reasons.get(i));
        }
        return out;
    }
}
