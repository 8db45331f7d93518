package dev.jackal.cluster;

import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.model.Component;
import dev.jackal.core.template.TemplateValue;
import java.util.Map;

/**
 * What a special deploy adds to the ordinary one: init skips components, adds the state's values and runs the
 * injector around the seed registry (spec §7.4). A plain {@code package deploy} uses {@link #NONE}.
 */
interface DeployHooks {

    DeployHooks NONE = new DeployHooks() {};

    /** Whether {@code component} is left out although selected. */
    default boolean skip(Component component) {
        return false;
    }

    /** Template values every component gets, by full marker. */
    default Map<String, TemplateValue> values() {
        return Map.of();
    }

    /**
     * Runs after the component's {@code onDeploy.before} actions and before anything of it is templated; may add
     * values to {@code values}.
     */
    default void before(Component component, LoadedPackage loaded, Map<String, TemplateValue> values) {}

    /** Runs when the component is done, whether it succeeded or failed. */
    default void after(Component component) {}
}
