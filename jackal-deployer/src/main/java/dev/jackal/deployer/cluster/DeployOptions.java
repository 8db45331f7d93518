package dev.jackal.deployer.cluster;

import java.time.Duration;
import java.util.Map;

/**
 * What {@code package deploy} is asked to do.
 *
 * @param components {@code --components}, or empty for the defaults
 * @param set {@code --set KEY=value} for variables
 * @param adoptExistingResources {@code --adopt-existing-resources}
 * @param timeout per chart ({@code --timeout}, default 15 minutes)
 * @param retries attempts per chart ({@code --retries})
 * @param selfCommand what {@code ./jackal } in actions becomes
 */
public record DeployOptions(
        String components,
        Map<String, String> set,
        boolean adoptExistingResources,
        Duration timeout,
        int retries,
        String selfCommand) {

    public DeployOptions {
        components = components == null ? "" : components;
        set = Map.copyOf(set);
    }
}
