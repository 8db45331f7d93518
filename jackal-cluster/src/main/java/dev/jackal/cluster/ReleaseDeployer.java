package dev.jackal.cluster;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.cluster.kube.Namespaces;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.render.ReleaseChart;
import dev.jackal.core.render.RenderException;
import dev.jackal.core.render.RenderPlan;
import dev.jackal.core.render.RenderedDocument;
import dev.jackal.core.render.RenderedOutput;
import dev.jackal.core.state.ConnectString;
import dev.jackal.core.template.DeployTemplater;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Installs one chart as a release with the duties Zarf gives its Helm post-renderer (spec §6.8). helm-java
 * offers no post-renderer, so they run around the install instead of inside it:
 *
 * <ol>
 *   <li>The chart is unpacked into an editable copy and every text file is templated (§1.7B) before Helm
 *       renders it, so Helm's own install renders the final text: hooks, CRDs, {@code lookup} and the cluster's
 *       capabilities behave as with {@code helm upgrade --install}.
 *   <li>A dry render of that copy (the real Helm's {@code template}) shows what the release will hold. Its
 *       {@code Namespace} objects are created or adopted by jackal and taken out of the templates that emit
 *       them, so uninstalling a release never deletes a namespace; every namespace the release writes to is
 *       created with jackal's labels; Services labelled {@code jackal.dev/connect-name} give connect strings;
 *       with {@code --adopt-existing-resources}, live objects get Helm's ownership labels first; in a cluster with
 *       a registry, each of those namespaces gets the {@code private-registry} pull secret.
 *   <li>Helm installs or upgrades the copy ({@link ChartInstaller}).
 * </ol>
 */
final class ReleaseDeployer {

    private final KubernetesClient client;
    private final ChartInstaller helm;
    private final Namespaces namespaces;
    private final EventHandler events;
    private final boolean adopt;
    private final PackageDialect dialect;
    private final Consumer<String> namespaceUsed;
    private String kubeVersion;

    ReleaseDeployer(
            KubernetesClient client, ChartInstaller helm, Namespaces namespaces, EventHandler events, boolean adopt) {
        this(client, helm, namespaces, events, adopt, PackageDialect.JACKAL);
    }

    /** As above, for a package of {@code dialect} (whose Services carry its connect labels). */
    ReleaseDeployer(
            KubernetesClient client,
            ChartInstaller helm,
            Namespaces namespaces,
            EventHandler events,
            boolean adopt,
            PackageDialect dialect) {
        this(client, helm, namespaces, events, adopt, dialect, null);
    }

    /**
     * As above; {@code namespaceUsed} hears every namespace a release uses once it exists (null for nobody): the
     * deploy puts the {@code private-registry} pull secret there.
     */
    ReleaseDeployer(
            KubernetesClient client,
            ChartInstaller helm,
            Namespaces namespaces,
            EventHandler events,
            boolean adopt,
            PackageDialect dialect,
            Consumer<String> namespaceUsed) {
        this.namespaceUsed = namespaceUsed;
        this.dialect = dialect;
        this.client = client;
        this.helm = helm;
        this.namespaces = namespaces;
        this.events = events;
        this.adopt = adopt;
    }

    /**
     * Deploys {@code chart} as {@code release} in {@code namespace}.
     *
     * @param templater deploy-time templating for the chart's files, or null when they are templated already
     * @param workDir where the editable copy goes
     * @return the connect strings its Services declare
     */
    Map<String, ConnectString> deploy(
            Path chart,
            String release,
            String namespace,
            List<Path> values,
            boolean wait,
            DeployTemplater templater,
            Path workDir) {
        ReleaseChart copy;
        try {
            copy = ReleaseChart.unpack(chart, workDir.resolve(release));
            if (templater != null) {
                copy.template(templater);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare chart " + chart.getFileName() + ": " + e.getMessage(), e);
        }
        RenderPlan plan = plan(copy, release, namespace, values);
        for (RenderedDocument object : plan.namespaceObjects()) {
            namespaces.ensure(object.name(), object.labels(), object.annotations(), release);
        }
        for (String source : plan.namespaceSources()) {
            strip(copy, source, release);
        }
        for (String name : plan.namespaces()) {
            namespaces.ensure(name, release);
        }
        if (namespaceUsed != null) {
            plan.namespaceObjects().forEach(object -> namespaceUsed.accept(object.name()));
            plan.namespaces().forEach(namespaceUsed);
        }
        if (adopt) {
            plan.resources().stream().filter(r -> !r.hook()).forEach(r -> adopt(r, release, namespace));
        }
        helm.apply(copy.root(), release, namespace, values, wait);
        return plan.connectStrings();
    }

    private RenderPlan plan(ReleaseChart copy, String release, String namespace, List<Path> values) {
        TemplateCommand template = Helm.template(copy.root().toString())
                .withName(release)
                .withNamespace(namespace)
                .withKubeVersion(kubeVersion());
        values.forEach(template::withValuesFile);
        String output;
        try {
            output = template.call();
        } catch (RuntimeException e) {
            // Helm's own install renders the chart again and reports real template errors; a render that only
            // failed here (e.g. a lookup Helm could not send) costs the Namespace handling, not the deploy
            events.warn("cannot render chart " + release + " ahead of the install, so Namespace objects in it stay"
                    + " in the release: " + firstLine(e.getMessage()));
            return RenderPlan.of(List.of(), namespace);
        }
        try {
            return RenderPlan.of(RenderedOutput.parse(output), namespace, dialect);
        } catch (RenderException e) {
            throw new ClusterException("chart " + release + ": " + e.getMessage(), e);
        }
    }

    private void strip(ReleaseChart copy, String source, String release) {
        try {
            if (!copy.stripNamespaces(source)) {
                events.warn(source + " defines named templates, so the Namespace objects it emits cannot be taken"
                        + " out of release " + release + "; uninstalling the release will delete them");
            }
        } catch (IOException e) {
            events.warn("cannot take the Namespace objects of " + source + " out of release " + release + ": "
                    + e.getMessage());
        }
    }

    /** Gives a live object Helm's ownership marks so that the install takes it over instead of failing. */
    private void adopt(RenderedDocument object, String release, String releaseNamespace) {
        if (object.apiVersion().isEmpty()
                || object.kind().isEmpty()
                || object.name().isEmpty()) {
            return;
        }
        String namespace = object.namespace().isEmpty() ? releaseNamespace : object.namespace();
        try {
            var resource = client.genericKubernetesResources(object.apiVersion(), object.kind())
                    .inNamespace(namespace)
                    .withName(object.name());
            GenericKubernetesResource live = resource.get();
            if (live == null) {
                return;
            }
            // A merge patch carries no resourceVersion: a controller updating the object meanwhile cannot make
            // the adoption fail with 409 Conflict, as a read-modify-write edit could.
            Map<String, Object> marks = Map.of(
                    "metadata",
                    Map.of(
                            "labels", Map.of("app.kubernetes.io/managed-by", "Helm"),
                            "annotations",
                                    Map.of(
                                            "meta.helm.sh/release-name", release,
                                            "meta.helm.sh/release-namespace", releaseNamespace)));
            resource.patch(
                    PatchContext.of(PatchType.JSON_MERGE),
                    client.getKubernetesSerialization().asJson(marks));
            events.info("adopting " + object.describe() + " into release " + release);
        } catch (KubernetesClientException | IllegalArgumentException e) {
            events.debug("cannot adopt " + object.describe() + ": " + e.getMessage());
        }
    }

    private String kubeVersion() {
        if (kubeVersion == null) {
            kubeVersion = client.getKubernetesVersion().getGitVersion();
        }
        return kubeVersion;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
