package dev.jackal.core.wait;

import java.util.Objects;

/**
 * What a cluster wait looks at: {@code wait-for KIND [NAME|SELECTOR] [CONDITION] [-n NAMESPACE]}.
 *
 * @param kind as the user wrote it: a kind, a plural or a short name, optionally {@code .group} or
 *     {@code .version.group} ({@code deployments.apps}), in any case
 * @param identifier a name, a label selector (contains {@code =}), or empty for any object of the kind
 * @param namespace empty for the kubeconfig's namespace (ignored for cluster-scoped kinds)
 */
public record ClusterTarget(String kind, String identifier, String namespace, WaitCondition condition) {

    public ClusterTarget {
        Objects.requireNonNull(kind, "kind");
        if (kind.isBlank()) {
            throw new WaitException("a cluster wait needs a kind, such as pod or deployment");
        }
        identifier = identifier == null ? "" : identifier.strip();
        namespace = namespace == null ? "" : namespace.strip();
        Objects.requireNonNull(condition, "condition");
    }

    /** Whether the identifier is a label selector. */
    public boolean selector() {
        return identifier.contains("=");
    }

    /** {@code pod/app in namespace x}, {@code pod with label app=x in namespace x}, {@code any crd}. */
    public String describe() {
        String what = identifier.isEmpty()
                ? "any " + kind
                : selector() ? kind + " with label " + identifier : kind + "/" + identifier;
        return what + (namespace.isEmpty() ? "" : " in namespace " + namespace);
    }
}
