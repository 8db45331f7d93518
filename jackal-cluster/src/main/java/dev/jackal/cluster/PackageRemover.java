package dev.jackal.cluster;

import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.cluster.kube.Namespaces;
import dev.jackal.core.action.ActionRunner;
import dev.jackal.core.action.Redactor;
import dev.jackal.core.deploy.ComponentSelector;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.model.Action;
import dev.jackal.core.model.ActionSet;
import dev.jackal.core.model.Component;
import dev.jackal.core.state.ComponentStatus;
import dev.jackal.core.state.DeployedComponent;
import dev.jackal.core.state.DeployedPackage;
import dev.jackal.core.state.InstalledChart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code package remove} (spec §6.10): the deployed components, selected ones only, in reverse order:
 * {@code onRemove.before}, uninstall their releases in reverse (the secret updated after each),
 * {@code onRemove.after} and {@code onSuccess};
 * each is dropped from the package secret, and the secret goes when no component is left.
 */
public final class PackageRemover {

    private final EventHandler events;
    private final Kube kube;

    public PackageRemover(EventHandler events, Kube kube) {
        this.events = events;
        this.kube = kube;
    }

    /** Removes {@code packageName}'s components matching {@code components} (empty: all). */
    public void remove(String packageName, String components, Path workDir, String selfCommand) {
        PackageSecrets secrets = new PackageSecrets(kube.client(), new Namespaces(kube.client(), events, false));
        DeployedPackage record = secrets.find(packageName)
                .orElseThrow(() -> new ClusterException(
                        "package " + packageName + " is not deployed (jackal package" + " list shows what is)", null));
        ChartInstaller helm =
                new ChartInstaller(kube.kubeconfig(), kube.client(), events, java.time.Duration.ofMinutes(5), 1);
        List<DeployedComponent> deployed = new ArrayList<>(record.deployedComponents());
        Collections.reverse(deployed);
        for (DeployedComponent component : deployed) {
            if (!components.isBlank() && !selected(component.name(), components)) {
                continue;
            }
            Optional<Component> definition = record.data() == null
                    ? Optional.empty()
                    : record.data().components().stream()
                            .filter(c -> c.name().equals(component.name()))
                            .findFirst();
            ActionSet onRemove =
                    definition.map(Component::actions).map(a -> a.onRemove()).orElse(null);
            events.lifecycle("removing component " + component.name());
            DeployedComponent removing = component.withStatus(ComponentStatus.REMOVING, record.generation());
            record = record.with(removing);
            secrets.save(record);
            ActionRunner runner = new ActionRunner(
                    events,
                    workDir,
                    Map.of(),
                    Redactor.none(),
                    selfCommand,
                    new KubeWaiter(events, kube.client()),
                    PackageDialect.of(record.data()));
            try {
                run(runner, onRemove, onRemove == null ? List.of() : onRemove.before());
                List<InstalledChart> charts = new ArrayList<>(component.installedCharts());
                Collections.reverse(charts);
                List<InstalledChart> left = new ArrayList<>(component.installedCharts());
                for (InstalledChart chart : charts) {
                    helm.uninstall(chart.chartName(), chart.namespace());
                    left.remove(chart);
                    record = record.with(removing.withCharts(left));
                    secrets.save(record); // the record always lists only the releases that are still there
                }
                run(runner, onRemove, onRemove == null ? List.of() : onRemove.after());
                run(runner, onRemove, onRemove == null ? List.of() : onRemove.onSuccess());
            } catch (RuntimeException e) {
                run(runner, onRemove, onRemove == null ? List.of() : onRemove.onFailure());
                throw e;
            }
            record = record.without(component.name());
            if (record.deployedComponents().isEmpty()) {
                secrets.delete(packageName);
            } else {
                secrets.save(record);
            }
        }
        events.lifecycle("removed " + packageName);
    }

    /** Remove's selection (spec §6.10): only matched components, exclusions applied, required ignored. */
    private static boolean selected(String name, String components) {
        boolean included = false;
        boolean anyInclude = false;
        for (String term : components.split(",")) {
            String t = term.strip();
            if (t.startsWith("-")) {
                if (ComponentSelector.matches(t.substring(1), name)) {
                    return false;
                }
            } else if (!t.isEmpty()) {
                anyInclude = true;
                included |= ComponentSelector.matches(t, name);
            }
        }
        return included || !anyInclude;
    }

    private static void run(ActionRunner runner, ActionSet set, List<Action> actions) {
        for (Action action : actions) {
            runner.run(action, set.defaults());
        }
    }
}
