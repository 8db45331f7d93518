package dev.jackal.core.state;

import java.util.List;

/**
 * A component as deployed.
 *
 * @param name the component
 * @param installedCharts its releases, in install order
 * @param status how its deploy stands
 * @param observedGeneration the package generation that last touched it
 */
public record DeployedComponent(
        String name, List<InstalledChart> installedCharts, ComponentStatus status, int observedGeneration) {

    public DeployedComponent {
        installedCharts = installedCharts == null ? List.of() : List.copyOf(installedCharts);
    }

    public DeployedComponent withStatus(ComponentStatus value, int generation) {
        return new DeployedComponent(name, installedCharts, value, generation);
    }

    public DeployedComponent withCharts(List<InstalledChart> value) {
        return new DeployedComponent(name, value, status, observedGeneration);
    }
}
