package dev.jackal.core.compose;

import dev.jackal.core.definition.DefinitionException;
import dev.jackal.core.model.Action;
import dev.jackal.core.model.ActionDefaults;
import dev.jackal.core.model.ActionSet;
import dev.jackal.core.model.Actions;
import dev.jackal.core.model.ChartSpec;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.ComponentOnly;
import dev.jackal.core.model.DataInjection;
import dev.jackal.core.model.FileSpec;
import dev.jackal.core.model.HealthCheck;
import dev.jackal.core.model.ManifestSpec;
import java.util.ArrayList;
import java.util.List;

/** Folds the links of an import chain, tail first, into one component (spec §3.3). */
final class ComponentMerger {

    private String name;
    private String description;
    private Boolean isDefault;
    private Boolean required;
    private String localOS;
    private String group;
    private String cosignKeyPath;
    private final List<ManifestSpec> manifests = new ArrayList<>();
    private final List<ChartSpec> charts = new ArrayList<>();
    private final List<DataInjection> dataInjections = new ArrayList<>();
    private final List<FileSpec> files = new ArrayList<>();
    private final List<String> images = new ArrayList<>();
    private final List<String> repos = new ArrayList<>();
    private final List<HealthCheck> healthChecks = new ArrayList<>();
    private ActionSet onCreate;
    private ActionSet onDeploy;
    private ActionSet onRemove;

    /** Merges {@code node}, which is closer to the head than everything merged so far. */
    void merge(Component node, ImportNode at) {
        name = node.name();
        isDefault = node.isDefault();
        required = node.required();
        if (node.description() != null && !node.description().isEmpty()) {
            description = node.description();
        }
        String os = node.only() == null ? null : node.only().localOS();
        if (os != null && !os.isEmpty()) {
            if (localOS != null && !localOS.equals(os)) {
                throw DefinitionException.of(
                        at.definition().sourceMap().locate(at.path("only.localOS")),
                        at.path("only.localOS"),
                        "\"only.localOS\" \"" + localOS + "\" cannot be redefined as \"" + os + "\" during compose");
            }
            localOS = os;
        }
        group = node.group();
        if (node.cosignKeyPath() != null && !node.cosignKeyPath().isEmpty()) {
            cosignKeyPath = node.cosignKeyPath();
        }
        dataInjections.addAll(node.dataInjections());
        files.addAll(node.files());
        images.addAll(node.images());
        repos.addAll(node.repos());
        healthChecks.addAll(node.healthChecks());
        node.charts().forEach(this::mergeChart);
        node.manifests().forEach(this::mergeManifest);
        if (node.actions() != null) {
            onCreate = mergeSet(onCreate, node.actions().onCreate());
            onDeploy = mergeSet(onDeploy, node.actions().onDeploy());
            onRemove = mergeSet(onRemove, node.actions().onRemove());
        }
    }

    private void mergeChart(ChartSpec chart) {
        for (int i = 0; i < charts.size(); i++) {
            ChartSpec existing = charts.get(i);
            if (existing.name().equals(chart.name())) {
                charts.set(
                        i,
                        new ChartSpec(
                                existing.name(),
                                set(chart.version()) ? chart.version() : existing.version(),
                                set(chart.url()) ? chart.url() : existing.url(),
                                existing.repoName(),
                                existing.gitPath(),
                                existing.localPath(),
                                set(chart.namespace()) ? chart.namespace() : existing.namespace(),
                                set(chart.releaseName()) ? chart.releaseName() : existing.releaseName(),
                                existing.noWait(),
                                Migrations.concat(existing.valuesFiles(), chart.valuesFiles())));
                return;
            }
        }
        charts.add(chart);
    }

    private void mergeManifest(ManifestSpec manifest) {
        for (int i = 0; i < manifests.size(); i++) {
            ManifestSpec existing = manifests.get(i);
            if (existing.name().equals(manifest.name())) {
                manifests.set(
                        i,
                        new ManifestSpec(
                                existing.name(),
                                set(manifest.namespace()) ? manifest.namespace() : existing.namespace(),
                                Migrations.concat(existing.files(), manifest.files()),
                                Migrations.concat(existing.kustomizations(), manifest.kustomizations()),
                                existing.kustomizeAllowAnyDirectory(),
                                existing.noWait()));
                return;
            }
        }
        manifests.add(manifest);
    }

    /** Lists are appended; the closer link's defaults replace the earlier ones when it has any. */
    private static ActionSet mergeSet(ActionSet sofar, ActionSet node) {
        if (node == null) {
            return sofar;
        }
        if (sofar == null) {
            return node;
        }
        ActionDefaults defaults = node.defaults() != null ? node.defaults() : sofar.defaults();
        return new ActionSet(
                defaults,
                Migrations.<Action>concat(sofar.before(), node.before()),
                Migrations.<Action>concat(sofar.after(), node.after()),
                Migrations.<Action>concat(sofar.onSuccess(), node.onSuccess()),
                Migrations.<Action>concat(sofar.onFailure(), node.onFailure()));
    }

    Component build() {
        ComponentOnly only = localOS == null ? null : new ComponentOnly(localOS, null, null);
        Actions actions = onCreate == null && onDeploy == null && onRemove == null
                ? null
                : new Actions(onCreate, onDeploy, onRemove);
        return new Component(
                name,
                description,
                isDefault,
                required,
                only,
                group,
                cosignKeyPath,
                null,
                manifests,
                charts,
                dataInjections,
                files,
                images,
                repos,
                null,
                actions,
                healthChecks);
    }

    private static boolean set(String value) {
        return value != null && !value.isEmpty();
    }
}
