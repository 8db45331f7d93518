package dev.jackal.cluster.kube;

import dev.jackal.core.event.EventHandler;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Namespaces jackal creates and labels (spec §6.8): created when missing with jackal's labels; an existing
 * one is labelled only when adopting, and {@code default} and {@code kube-*} are never adopted.
 */
public final class Namespaces {

    private static final Set<String> INITIAL = Set.of("default", "kube-system", "kube-public", "kube-node-lease");

    private final KubernetesClient client;
    private final EventHandler events;
    private final boolean adopt;

    public Namespaces(KubernetesClient client, EventHandler events, boolean adopt) {
        this.client = client;
        this.events = events;
        this.adopt = adopt;
    }

    /** The pure object for a namespace jackal creates for {@code release} (may be null). */
    public static Namespace namespace(String name, String release) {
        Map<String, String> labels = new HashMap<>(Labels.managed());
        if (release != null) {
            labels.put(Labels.HELM_RELEASE, release);
        }
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build();
    }

    /** Makes sure {@code name} exists, labelled for {@code release} when jackal creates or adopts it. */
    public void ensure(String name, String release) {
        ensure(name, Map.of(), Map.of(), release);
    }

    /**
     * Makes sure the namespace {@code name} exists: created with {@code labels} and {@code annotations} (a chart's
     * own Namespace object) plus jackal's labels, or, when it exists and adopting is on, given them.
     */
    public void ensure(String name, Map<String, String> labels, Map<String, String> annotations, String release) {
        Map<String, String> wanted = new HashMap<>(labels);
        wanted.putAll(namespace(name, release).getMetadata().getLabels());
        try {
            Namespace existing = client.namespaces().withName(name).get();
            if (existing == null) {
                Namespace created = namespace(name, release);
                created.getMetadata().setLabels(wanted);
                if (!annotations.isEmpty()) {
                    created.getMetadata().setAnnotations(new HashMap<>(annotations));
                }
                client.namespaces().resource(created).create();
                events.debug("created namespace " + name);
                return;
            }
            if (!adopt) {
                return;
            }
            if (INITIAL.contains(name) || name.startsWith("kube-")) {
                events.warn("namespace " + name + " is one of the cluster's own and is not adopted");
                return;
            }
            client.namespaces().withName(name).edit(ns -> {
                Map<String, String> merged = new HashMap<>(
                        ns.getMetadata().getLabels() == null
                                ? Map.of()
                                : ns.getMetadata().getLabels());
                merged.putAll(wanted);
                ns.getMetadata().setLabels(merged);
                if (!annotations.isEmpty()) {
                    Map<String, String> notes = new HashMap<>(
                            ns.getMetadata().getAnnotations() == null
                                    ? Map.of()
                                    : ns.getMetadata().getAnnotations());
                    notes.putAll(annotations);
                    ns.getMetadata().setAnnotations(notes);
                }
                return ns;
            });
        } catch (KubernetesClientException e) {
            throw new ClusterException("cannot create or label namespace " + name + ": " + e.getMessage(), e);
        }
    }
}
