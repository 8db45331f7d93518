package dev.jackal.cluster;

import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.cluster.kube.Namespaces;
import dev.jackal.cluster.push.RegistrySession;
import dev.jackal.cluster.push.RegistryTarget;
import dev.jackal.cluster.push.RegistryTargets;
import dev.jackal.core.JackalVersion;
import dev.jackal.core.action.ActionFailedException;
import dev.jackal.core.action.ActionRunner;
import dev.jackal.core.action.Redactor;
import dev.jackal.core.archive.ExtractOptions;
import dev.jackal.core.archive.SafeExtractor;
import dev.jackal.core.deploy.CliCompatibility;
import dev.jackal.core.deploy.ComponentSelector;
import dev.jackal.core.deploy.DeployCancelledException;
import dev.jackal.core.deploy.DeployException;
import dev.jackal.core.deploy.DeployPreview;
import dev.jackal.core.deploy.DeployVariables;
import dev.jackal.core.deploy.FileDeployer;
import dev.jackal.core.deploy.ManifestChart;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.layout.ComponentLayout;
import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.model.Action;
import dev.jackal.core.model.ActionSet;
import dev.jackal.core.model.ChartSpec;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.model.ManifestSpec;
import dev.jackal.core.model.SetVariable;
import dev.jackal.core.model.Variable;
import dev.jackal.core.oci.RegistryOptions;
import dev.jackal.core.state.ComponentStatus;
import dev.jackal.core.state.ConnectString;
import dev.jackal.core.state.DeployedComponent;
import dev.jackal.core.state.DeployedPackage;
import dev.jackal.core.state.InstalledChart;
import dev.jackal.core.template.DeployTemplater;
import dev.jackal.core.template.TemplateValue;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code package deploy} (spec §6.1): components in order, each {@code onDeploy.before} → files → images (pushed to
 * the cluster's registry) → charts → manifests → {@code onDeploy.after} → health checks, the package secret updated
 * as each component progresses; the first failure runs {@code onFailure} and stops the deploy. In a cluster with a
 * registry, every namespace a chart or manifest uses gets the {@code private-registry} pull secret.
 */
public final class PackageDeployer {

    private final EventHandler events;
    private final Kube kube;
    private final Function<KubernetesClient, Optional<RegistryTarget>> registries;

    public PackageDeployer(EventHandler events, Kube kube) {
        this(events, kube, RegistryTargets::find);
    }

    /**
     * As above; {@code registries} finds the cluster's registry (empty when it has none), e.g. from the state model.
     */
    public PackageDeployer(
            EventHandler events, Kube kube, Function<KubernetesClient, Optional<RegistryTarget>> registries) {
        this.events = events;
        this.kube = kube;
        this.registries = registries;
    }

    /** Deploys {@code loaded} and returns its package record. */
    public DeployedPackage deploy(LoadedPackage loaded, DeployOptions options) {
        return deploy(loaded, options, DeployHooks.NONE);
    }

    /** Deploys {@code loaded} with {@code hooks} (init's special handling) and returns its package record. */
    DeployedPackage deploy(LoadedPackage loaded, DeployOptions options, DeployHooks hooks) {
        JackalPackage pkg = loaded.pkg();
        List<Component> selected =
                ComponentSelector.select(
                                pkg.components(),
                                options.components(),
                                options.prompts().components())
                        .stream()
                        .filter(c -> !hooks.skip(c))
                        .toList();
        if (selected.isEmpty()) {
            events.warn("No components were selected for deployment");
        }
        requireNoInit(pkg, selected);
        boolean yolo = Boolean.TRUE.equals(pkg.metadata().yolo());
        Supplier<Optional<RegistryTarget>> lookup = yolo ? Optional::empty : () -> registries.apply(kube.client());
        if (!yolo && !isInit(loaded)) {
            // an init package writes the state during its deploy; any other finds it there before anything changes
            requireRegistry(selected, lookup.get());
        }
        CliCompatibility.warning(pkg, JackalVersion.get()).ifPresent(events::warn);
        Map<String, TemplateValue> values = new LinkedHashMap<>(
                DeployVariables.resolve(pkg, options.set(), options.prompts().variables()));
        values.putAll(hooks.values());
        if (!options.prompts().confirm(preview(loaded, selected, values))) {
            throw new DeployCancelledException("deployment cancelled; nothing was changed");
        }
        Namespaces namespaces = new Namespaces(kube.client(), events, options.adoptExistingResources());
        PackageSecrets secrets = new PackageSecrets(kube.client(), namespaces);
        DeployedPackage record = DeployedPackage.start(
                pkg,
                "v" + JackalVersion.get(),
                secrets.find(pkg.metadata().name()).orElse(null));
        ChartInstaller installer =
                new ChartInstaller(kube.kubeconfig(), kube.client(), events, options.timeout(), options.retries());
        try (RegistrySession registry = new RegistrySession(
                events, kube.client(), lookup, options.ociConcurrency(), registryOptions(options))) {
            ReleaseDeployer helm = new ReleaseDeployer(
                    kube.client(),
                    installer,
                    namespaces,
                    events,
                    options.adoptExistingResources(),
                    loaded.dialect(),
                    registry::ensurePullSecret);
            return deployComponents(loaded, options, selected, values, secrets, record, helm, registry, hooks);
        }
    }

    private DeployedPackage deployComponents(
            LoadedPackage loaded,
            DeployOptions options,
            List<Component> selected,
            Map<String, TemplateValue> values,
            PackageSecrets secrets,
            DeployedPackage started,
            ReleaseDeployer helm,
            RegistrySession registry,
            DeployHooks hooks) {
        JackalPackage pkg = loaded.pkg();
        DeployedPackage record = started;
        Map<String, ConnectString> connect = new LinkedHashMap<>();
        long start = Instant.now().getEpochSecond();
        Path work = loaded.layout().root().resolve(".deploy");
        String task = "deploy " + pkg.metadata().name();
        long done = 0;
        for (Component component : selected) {
            events.progress(task, done++, selected.size(), "components");
            events.lifecycle("deploying component " + component.name());
            record = record.with(
                    new DeployedComponent(component.name(), List.of(), ComponentStatus.DEPLOYING, record.generation()));
            secrets.save(record);
            ActionSet onDeploy =
                    component.actions() == null ? null : component.actions().onDeploy();
            try {
                run(onDeploy, onDeploy == null ? List.of() : onDeploy.before(), values, loaded, options);
                hooks.before(component, loaded, values);
                ComponentLayout staged = unpack(loaded, component, work);
                DeployTemplater templater = new DeployTemplater(values, events, loaded.dialect());
                new FileDeployer(events, templater, loaded.layout().root(), Path.of(System.getProperty("user.home")))
                        .deploy(component, staged);
                registry.push(loaded.layout().images(), component, loaded.dialect());
                List<InstalledChart> charts = new ArrayList<>();
                for (ChartSpec chart : component.charts()) {
                    charts.add(chart(helm, templater, staged, chart, connect));
                }
                for (ManifestSpec manifest : component.manifests()) {
                    charts.add(manifests(helm, templater, staged, pkg, component, manifest, start, connect));
                }
                run(onDeploy, onDeploy == null ? List.of() : onDeploy.after(), values, loaded, options);
                new HealthChecks(events, kube.client()).await(component.healthChecks(), options.timeout());
                record = record.with(new DeployedComponent(
                                component.name(), charts, ComponentStatus.SUCCEEDED, record.generation()))
                        .withConnectStrings(connect);
                secrets.save(record);
                run(onDeploy, onDeploy == null ? List.of() : onDeploy.onSuccess(), values, loaded, options);
            } catch (RuntimeException e) {
                try {
                    run(onDeploy, onDeploy == null ? List.of() : onDeploy.onFailure(), values, loaded, options);
                } catch (ActionFailedException failure) {
                    events.warn("an onFailure action failed too: " + failure.getMessage());
                }
                record = record.with(new DeployedComponent(
                        component.name(), List.of(), ComponentStatus.FAILED, record.generation()));
                secrets.save(record);
                throw e instanceof DeployException
                        ? e
                        : new DeployException(component.name(), redactor(values).redact(e.getMessage()), e);
            } finally {
                hooks.after(component);
            }
        }
        events.finished(task, selected.size(), selected.size(), "components");
        events.lifecycle("Jackal deployment complete: " + pkg.metadata().name()
                + (pkg.metadata().version() == null ? "" : " " + pkg.metadata().version())
                + " ("
                + (selected.isEmpty()
                        ? "no components"
                        : "components "
                                + String.join(
                                        ", ",
                                        selected.stream().map(Component::name).toList()))
                + ") to " + kube.client().getMasterUrl() + ", generation " + record.generation());
        return record;
    }

    private static DeployPreview preview(
            LoadedPackage loaded, List<Component> selected, Map<String, TemplateValue> values) {
        List<String> variables = new ArrayList<>();
        for (Variable variable : loaded.pkg().variables()) {
            TemplateValue value = values.get(loaded.dialect().varMarker(variable.name()));
            if (value != null) {
                variables.add(variable.name() + ": " + DeployVariables.describe(variable, value));
            }
        }
        return new DeployPreview(
                redactor(values).redact(loaded.definitionText()),
                selected.stream().map(Component::name).toList(),
                variables,
                Files.isRegularFile(loaded.layout().sboms()));
    }

    private static void requireNoInit(JackalPackage pkg, List<Component> selected) {
        boolean needsState = selected.stream()
                .anyMatch(c -> !c.repos().isEmpty() || !c.dataInjections().isEmpty());
        if (needsState && !Boolean.TRUE.equals(pkg.metadata().yolo())) {
            throw new ClusterException(
                    "this package pushes repositories or injects data, which needs the git server of an initialised"
                            + " cluster, and jackal cannot deploy those yet: run 'jackal init' first",
                    null);
        }
    }

    /** A package with images needs the cluster's registry. */
    private static void requireRegistry(List<Component> selected, Optional<RegistryTarget> registry) {
        if (registry.isPresent()) {
            return;
        }
        List<String> withImages = selected.stream()
                .filter(c -> !c.images().isEmpty())
                .map(Component::name)
                .toList();
        if (!withImages.isEmpty()) {
            throw new ClusterException(RegistrySession.noRegistry(String.join(", ", withImages)), null);
        }
    }

    private static boolean isInit(LoadedPackage loaded) {
        return loaded.pkg().kind() != null
                && loaded.pkg().kind() == loaded.dialect().kinds().get(1);
    }

    private static RegistryOptions registryOptions(DeployOptions options) {
        return RegistryOptions.defaults().withRetries(Math.max(0, options.retries()));
    }

    private InstalledChart chart(
            ReleaseDeployer helm,
            DeployTemplater templater,
            ComponentLayout staged,
            ChartSpec chart,
            Map<String, ConnectString> connect) {
        String release =
                chart.releaseName() != null && !chart.releaseName().isEmpty() ? chart.releaseName() : chart.name();
        List<Path> values = new ArrayList<>();
        try {
            for (int i = 0; i < chart.valuesFiles().size(); i++) {
                Path file = staged.values(chart.name(), chart.version(), i);
                templater.file(file);
                values.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        connect.putAll(helm.deploy(
                staged.chart(chart.name(), chart.version()),
                release,
                chart.namespace(),
                values,
                !Boolean.TRUE.equals(chart.noWait()),
                templater,
                staged.temp().resolve("releases")));
        return new InstalledChart(chart.namespace(), release);
    }

    private InstalledChart manifests(
            ReleaseDeployer helm,
            DeployTemplater templater,
            ComponentLayout staged,
            JackalPackage pkg,
            Component component,
            ManifestSpec manifest,
            long start,
            Map<String, ConnectString> connect) {
        String chartName = ManifestChart.chartName(pkg.metadata().name(), component.name(), manifest.name());
        String release = ManifestChart.releaseName(chartName);
        String namespace =
                manifest.namespace() == null || manifest.namespace().isEmpty() ? "default" : manifest.namespace();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < manifest.files().size(); i++) {
            files.add(staged.manifest(manifest.name(), i));
        }
        for (int i = 0; i < manifest.kustomizations().size(); i++) {
            files.add(staged.kustomization(manifest.name(), i));
        }
        try {
            // templated as plain files: the generated chart quotes them whole, so they must be final already
            for (Path file : files) {
                templater.file(file);
            }
            Path chartDir = staged.temp().resolve(chartName);
            ManifestChart.write(chartDir, chartName, files, start);
            connect.putAll(helm.deploy(
                    chartDir,
                    release,
                    namespace,
                    List.of(),
                    !Boolean.TRUE.equals(manifest.noWait()),
                    null,
                    staged.temp().resolve("releases")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new InstalledChart(namespace, release);
    }

    private ComponentLayout unpack(LoadedPackage loaded, Component component, Path work) {
        Path tar = loaded.layout().componentTar(component.name());
        ComponentLayout layout = new ComponentLayout(work.resolve(component.name()));
        try {
            Files.createDirectories(layout.temp());
            if (Files.isRegularFile(tar)) {
                SafeExtractor.extract(tar, work, ExtractOptions.defaults());
            }
            return layout;
        } catch (IOException e) {
            throw new DeployException(
                    component.name(), "cannot unpack " + tar.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Runs actions; {@code setVariables} take the command's output and feed later actions and templates. */
    private void run(
            ActionSet set,
            List<Action> actions,
            Map<String, TemplateValue> values,
            LoadedPackage loaded,
            DeployOptions options) {
        for (Action action : actions) {
            ActionRunner runner = new ActionRunner(
                    events,
                    loaded.layout().root(),
                    DeployVariables.environment(values),
                    redactor(values),
                    options.selfCommand(),
                    new KubeWaiter(redactor(values).events(events), kube.client()),
                    loaded.dialect());
            String output = runner.run(action, set.defaults());
            for (SetVariable variable : action.waitFor() == null ? action.setVariables() : List.<SetVariable>of()) {
                values.put(
                        loaded.dialect().varMarker(variable.name()),
                        new TemplateValue(
                                output,
                                Boolean.TRUE.equals(variable.sensitive()),
                                Boolean.TRUE.equals(variable.autoIndent()),
                                false));
            }
        }
    }

    private static Redactor redactor(Map<String, TemplateValue> values) {
        return Redactor.of(values.values().stream()
                .filter(TemplateValue::sensitive)
                .map(TemplateValue::value)
                .toList());
    }
}
