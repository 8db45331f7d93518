package dev.jackal.cluster;

import dev.jackal.core.event.EventHandler;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kinds of resource the API server serves, built-in and custom, found by discovery and resolved as kubectl
 * resolves a resource argument: a plural ({@code deployments}), singular, kind ({@code Deployment}) or short name
 * ({@code deploy}), in any case, optionally qualified by {@code .group} or {@code .version.group}. The core group
 * comes first, then the other groups in the server's order, each at its preferred version. A kind that is not
 * found triggers a new discovery, so custom resources registered meanwhile are seen.
 */
final class ApiKinds {

    /** One resource type of the API server. */
    record ResourceKind(
            String group,
            String version,
            String plural,
            String singular,
            String kind,
            List<String> shortNames,
            boolean namespaced) {

        String apiVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }

        ResourceDefinitionContext context() {
            return new ResourceDefinitionContext.Builder()
                    .withGroup(group)
                    .withVersion(version)
                    .withPlural(plural)
                    .withKind(kind)
                    .withNamespaced(namespaced)
                    .build();
        }

        boolean named(String lower) {
            return plural.equals(lower)
                    || singular.equals(lower)
                    || kind.toLowerCase(Locale.ROOT).equals(lower)
                    || shortNames.contains(lower);
        }

        boolean qualifiedBy(String qualifier) {
            return qualifier.isEmpty() || qualifier.equals(group) || qualifier.equals(version + "." + group);
        }
    }

    private final KubernetesClient client;
    private final EventHandler events;
    private final Map<String, List<ResourceKind>> byApiVersion = new ConcurrentHashMap<>();
    private volatile List<ResourceKind> discovered;

    ApiKinds(KubernetesClient client, EventHandler events) {
        this.client = client;
        this.events = events;
    }

    /** The kind {@code argument} names, or empty when the server serves none by that name. */
    Optional<ResourceKind> resolve(String argument) {
        String lower = argument.strip().toLowerCase(Locale.ROOT);
        int dot = lower.indexOf('.');
        String name = dot < 0 ? lower : lower.substring(0, dot);
        String qualifier = dot < 0 ? "" : lower.substring(dot + 1);
        Optional<ResourceKind> found = find(discovered, name, qualifier);
        if (found.isEmpty()) {
            discovered = discover();
            found = find(discovered, name, qualifier);
        }
        return found;
    }

    /** The resource of {@code kind} (exact) at {@code apiVersion}, or empty when the server does not serve it. */
    Optional<ResourceKind> forKind(String apiVersion, String kind) {
        List<ResourceKind> kinds = byApiVersion.get(apiVersion);
        if (kinds == null) {
            kinds = list(apiVersion);
            if (!kinds.isEmpty()) {
                byApiVersion.put(apiVersion, kinds);
            }
        }
        return kinds.stream().filter(k -> k.kind().equals(kind)).findFirst();
    }

    private static Optional<ResourceKind> find(List<ResourceKind> kinds, String name, String qualifier) {
        if (kinds == null) {
            return Optional.empty();
        }
        return kinds.stream()
                .filter(k -> k.qualifiedBy(qualifier) && k.named(name))
                .findFirst();
    }

    private List<ResourceKind> discover() {
        List<ResourceKind> kinds = new ArrayList<>(list("v1"));
        for (APIGroup group : client.getApiGroups().getGroups()) {
            if (group.getPreferredVersion() != null) {
                kinds.addAll(list(group.getPreferredVersion().getGroupVersion()));
            }
        }
        return List.copyOf(kinds);
    }

    /** The top-level resources of one group version; empty when it is not served or cannot be listed now. */
    private List<ResourceKind> list(String apiVersion) {
        APIResourceList resources;
        try {
            resources = client.getApiResources(apiVersion);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 && e.getCode() != 503) {
                throw e;
            }
            events.debug("cannot discover " + apiVersion + ": " + e.getMessage());
            return List.of();
        }
        if (resources == null) {
            return List.of();
        }
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        List<ResourceKind> kinds = new ArrayList<>();
        for (APIResource resource : resources.getResources()) {
            if (resource.getName().contains("/")) {
                continue;
            }
            kinds.add(new ResourceKind(
                    group,
                    version,
                    resource.getName(),
                    resource.getSingularName() == null
                                    || resource.getSingularName().isEmpty()
                            ? resource.getKind().toLowerCase(Locale.ROOT)
                            : resource.getSingularName(),
                    resource.getKind(),
                    resource.getShortNames() == null ? List.of() : List.copyOf(resource.getShortNames()),
                    Boolean.TRUE.equals(resource.getNamespaced())));
        }
        return kinds;
    }
}
