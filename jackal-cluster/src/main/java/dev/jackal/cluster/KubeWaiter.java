package dev.jackal.cluster;

import dev.jackal.cluster.ApiKinds.ResourceKind;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.wait.ClusterTarget;
import dev.jackal.core.wait.ClusterWaiter;
import dev.jackal.core.wait.Poll;
import dev.jackal.core.wait.WaitCondition;
import dev.jackal.core.wait.WaitException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Waits for objects in the cluster ({@code tools wait-for} and {@code wait} actions), polling the API server: the
 * kind is resolved by discovery each time until it is served (a CRD may arrive later), then the named object,
 * the objects matching a label selector (at least one, and all of them must meet the condition), or any object of
 * the kind is read and checked. Errors of the API server are retried until the timeout, except a rejected request.
 */
public final class KubeWaiter implements ClusterWaiter {

    private final EventHandler events;
    private final KubernetesClient client;
    private final ApiKinds kinds;
    private final Duration interval;

    public KubeWaiter(EventHandler events, KubernetesClient client) {
        this(events, client, Poll.INTERVAL);
    }

    KubeWaiter(EventHandler events, KubernetesClient client, Duration interval) {
        this.events = events;
        this.client = client;
        this.kinds = new ApiKinds(client, events);
        this.interval = interval;
    }

    @Override
    public void await(ClusterTarget target, Duration timeout) {
        String awaited = target.describe() + " to " + target.condition().describe();
        events.info("waiting for " + awaited + " (timeout " + Poll.format(timeout) + ")");
        Poll.until(timeout, interval, () -> check(target), () -> awaited);
        events.info("done waiting for " + awaited);
    }

    private String check(ClusterTarget target) {
        try {
            Optional<ResourceKind> kind = kinds.resolve(target.kind());
            if (kind.isEmpty()) {
                return "the server has no resource type \"" + target.kind() + "\"";
            }
            List<Map<String, Object>> objects = find(kind.get(), target);
            WaitCondition condition = target.condition();
            if (condition instanceof WaitCondition.Deleted) {
                return objects.isEmpty() ? null : name(objects.get(0)) + " still exists";
            }
            if (objects.isEmpty()) {
                return target.identifier().isEmpty() || target.selector() ? "none found" : "not found";
            }
            for (Map<String, Object> object : objects) {
                String reason = condition.notMet(object);
                if (reason != null) {
                    return objects.size() > 1 || target.selector() ? name(object) + ": " + reason : reason;
                }
            }
            return null;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 400) {
                throw new WaitException("cannot wait for " + target.describe() + ": " + e.getMessage(), e);
            }
            events.debug("waiting for " + target.describe() + ": " + e.getMessage());
            return e.getMessage();
        }
    }

    private List<Map<String, Object>> find(ResourceKind kind, ClusterTarget target) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
                all = client.genericKubernetesResources(kind.context());
        NonNamespaceOperation<
                        GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
                scoped = kind.namespaced() ? all.inNamespace(namespace(target)) : all;
        if (target.identifier().isEmpty()) {
            return maps(scoped.list(new ListOptionsBuilder().withLimit(1L).build()));
        }
        if (target.selector()) {
            return maps(scoped.list(new ListOptionsBuilder()
                    .withLabelSelector(target.identifier())
                    .build()));
        }
        GenericKubernetesResource found = scoped.withName(target.identifier()).get();
        return found == null ? List.of() : List.of(map(found));
    }

    private String namespace(ClusterTarget target) {
        if (!target.namespace().isEmpty()) {
            return target.namespace();
        }
        String configured = client.getNamespace();
        return configured == null || configured.isEmpty() ? "default" : configured;
    }

    private List<Map<String, Object>> maps(GenericKubernetesResourceList list) {
        return list.getItems().stream().map(this::map).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(GenericKubernetesResource resource) {
        return client.getKubernetesSerialization().convertValue(resource, Map.class);
    }

    private static String name(Map<String, Object> object) {
        return object.get("metadata") instanceof Map<?, ?> metadata ? String.valueOf(metadata.get("name")) : "?";
    }
}
