package dev.jackal.cluster.agent;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code MutatingWebhookConfiguration} {@code jackal} that sends objects to the agent (spec §7.6, §9), built
 * without I/O. Every hook skips the {@code kube-system} namespace and namespaces and objects labelled
 * {@code jackal.dev/agent: skip|ignore}; the pod hook also skips k3s's service load-balancer pods and the Argo CD
 * hook takes only repository secrets. Failure policy is left unset ({@code Fail}): an object the agent cannot
 * rewrite is refused rather than deployed pointing outside the air gap.
 */
public final class AgentWebhooks {

    /** The configuration's name. */
    public static final String NAME = "jackal";
    /** The agent's service, in jackal's namespace, port 443 (→ 8443). */
    public static final String SERVICE = "agent-hook";

    public static final String NAMESPACE = "jackal";

    private static final List<String> SKIP = List.of("skip", "ignore");

    private AgentWebhooks() {}

    /** Where the API server sends the reviews: the agent's service, or a URL (tests, an agent outside the cluster). */
    public sealed interface Target {
        /** The PEM CA bundle that signed the agent's certificate, base64-encoded as the API wants it. */
        String caBundle();

        WebhookClientConfig clientConfig(String path);
    }

    /** The in-cluster service {@code jackal/agent-hook}. */
    public record Service(String caBundle) implements Target {
        public Service {
            Objects.requireNonNull(caBundle, "caBundle");
        }

        @Override
        public WebhookClientConfig clientConfig(String path) {
            return new WebhookClientConfigBuilder()
                    .withNewService()
                    .withName(SERVICE)
                    .withNamespace(NAMESPACE)
                    .withPath(path)
                    .endService()
                    .withCaBundle(caBundle)
                    .build();
        }
    }

    /** An HTTPS base URL such as {@code https://127.0.0.1:8443}. */
    public record Url(String baseUrl, String caBundle) implements Target {
        public Url {
            Objects.requireNonNull(caBundle, "caBundle");
            if (baseUrl == null || !baseUrl.startsWith("https://")) {
                throw new IllegalArgumentException("the agent's URL must be https://…: " + baseUrl);
            }
        }

        @Override
        public WebhookClientConfig clientConfig(String path) {
            return new WebhookClientConfigBuilder()
                    .withUrl(baseUrl + path)
                    .withCaBundle(caBundle)
                    .build();
        }
    }

    /** The whole configuration for {@code target}. */
    public static MutatingWebhookConfiguration configuration(Target target) {
        List<MutatingWebhook> hooks = new ArrayList<>();
        // pods on CREATE only: an UPDATE of a pod made before the agent could not take the new pull secret (the pod
        // spec is immutable); ephemeral containers arrive as an UPDATE of their sub-resource (kubectl debug)
        hooks.add(hook(
                target,
                "agent-pod",
                "/mutate/pod",
                podSelector(),
                rule(List.of("CREATE"), "", List.of("v1"), "pods"),
                rule(List.of("UPDATE"), "", List.of("v1"), "pods/ephemeralcontainers")));
        hooks.add(hook(
                target,
                "agent-flux-gitrepo",
                "/mutate/flux-gitrepository",
                objectSelector(),
                rule("source.toolkit.fluxcd.io", List.of("v1beta1", "v1beta2", "v1"), "gitrepositories")));
        hooks.add(hook(
                target,
                "agent-flux-ocirepo",
                "/mutate/flux-ocirepository",
                objectSelector(),
                rule("source.toolkit.fluxcd.io", List.of("v1beta2", "v1"), "ocirepositories")));
        hooks.add(hook(
                target,
                "agent-flux-helmrepo",
                "/mutate/flux-helmrepository",
                objectSelector(),
                rule("source.toolkit.fluxcd.io", List.of("v1beta1", "v1beta2", "v1"), "helmrepositories")));
        hooks.add(hook(
                target,
                "agent-argocd-application",
                "/mutate/argocd-application",
                objectSelector(),
                rule("argoproj.io", List.of("v1alpha1"), "applications")));
        LabelSelector repositories = new LabelSelectorBuilder(objectSelector())
                .withMatchLabels(Map.of(ArgoRepositoryMutation.SECRET_TYPE, "repository"))
                .build();
        hooks.add(hook(
                target,
                "agent-argocd-repository",
                "/mutate/argocd-repository",
                repositories,
                rule("", List.of("v1"), "secrets")));
        return new MutatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName(NAME)
                .withLabels(Map.of("app.kubernetes.io/managed-by", "jackal"))
                .endMetadata()
                .withWebhooks(hooks)
                .build();
    }

    private static MutatingWebhook hook(
            Target target, String name, String path, LabelSelector objects, RuleWithOperations... rules) {
        return new MutatingWebhookBuilder()
                .withName(name + ".jackal.dev")
                .withClientConfig(target.clientConfig(path))
                .withNamespaceSelector(new LabelSelectorBuilder()
                        .withMatchExpressions(
                                notIn("kubernetes.io/metadata.name", List.of("kube-system")),
                                notIn(AgentLabels.AGENT, SKIP))
                        .build())
                .withObjectSelector(objects)
                .withRules(rules)
                .withAdmissionReviewVersions("v1", "v1beta1")
                .withSideEffects("None")
                .build();
    }

    private static LabelSelector objectSelector() {
        return new LabelSelectorBuilder()
                .withMatchExpressions(notIn(AgentLabels.AGENT, SKIP))
                .build();
    }

    private static LabelSelector podSelector() {
        return new LabelSelectorBuilder()
                .withMatchExpressions(
                        notIn(AgentLabels.AGENT, SKIP),
                        new LabelSelectorRequirement("svccontroller.k3s.cattle.io/svcname", "DoesNotExist", null))
                .build();
    }

    private static LabelSelectorRequirement notIn(String key, List<String> values) {
        return new LabelSelectorRequirement(key, "NotIn", values);
    }

    private static RuleWithOperations rule(String group, List<String> versions, String... resources) {
        return rule(List.of("CREATE", "UPDATE"), group, versions, resources);
    }

    private static RuleWithOperations rule(
            List<String> operations, String group, List<String> versions, String... resources) {
        return new RuleWithOperationsBuilder()
                .withOperations(operations)
                .withApiGroups(group)
                .withApiVersions(versions)
                .withResources(resources)
                .build();
    }
}
