package dev.jackal.cluster;

import dev.jackal.core.deploy.ComponentSelector;
import dev.jackal.core.deploy.DeployPreview;
import dev.jackal.core.deploy.DeployVariables;
import dev.jackal.core.event.EventHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code package deploy} is asked to do.
 *
 * @param components {@code --components}, or empty for the defaults
 * @param set {@code --set KEY=value} for variables
 * @param adoptExistingResources {@code --adopt-existing-resources}
 * @param timeout per chart ({@code --timeout}, default 15 minutes)
 * @param retries attempts per chart ({@code --retries})
 * @param selfCommand what {@code ./jackal } in actions becomes
 * @param prompts how to ask the user (interactive deploys only)
 * @param ociConcurrency blobs pushed at once ({@code --oci-concurrency}, default 3); {@code retries} also bounds the
 *     registry's retries
 */
public record DeployOptions(
        String components,
        Map<String, String> set,
        boolean adoptExistingResources,
        Duration timeout,
        int retries,
        String selfCommand,
        Prompts prompts,
        int ociConcurrency) {

    /** Blobs pushed at once unless asked otherwise. */
    public static final int DEFAULT_OCI_CONCURRENCY = 3;

    /** How a deploy talks to its user: component and variable prompts, and the confirm screen. */
    public interface Prompts {
        /** Prompts for components, or empty to decide without asking. */
        Optional<ComponentSelector.Prompter> components();

        /** Prompts for variables marked {@code prompt: true}, or empty to take their defaults. */
        Optional<DeployVariables.Prompter> variables();

        /** Shows the confirm screen; false cancels the deploy. */
        boolean confirm(DeployPreview preview);

        /** Shows the confirm screen through {@code events} and never asks (--confirm). */
        static Prompts none(EventHandler events) {
            return new Prompts() {
                @Override
                public Optional<ComponentSelector.Prompter> components() {
                    return Optional.empty();
                }

                @Override
                public Optional<DeployVariables.Prompter> variables() {
                    return Optional.empty();
                }

                @Override
                public boolean confirm(DeployPreview preview) {
                    preview.lines().forEach(events::info);
                    return true;
                }
            };
        }
    }

    public DeployOptions {
        components = components == null ? "" : components;
        set = Map.copyOf(set);
        if (ociConcurrency < 1) {
            throw new IllegalArgumentException("--oci-concurrency must be at least 1, not " + ociConcurrency);
        }
    }

    /** Options with the default push concurrency. */
    public DeployOptions(
            String components,
            Map<String, String> set,
            boolean adoptExistingResources,
            Duration timeout,
            int retries,
            String selfCommand,
            Prompts prompts) {
        this(components, set, adoptExistingResources, timeout, retries, selfCommand, prompts, DEFAULT_OCI_CONCURRENCY);
    }

    /** Options that never prompt and do not show the confirm screen. */
    public DeployOptions(
            String components,
            Map<String, String> set,
            boolean adoptExistingResources,
            Duration timeout,
            int retries,
            String selfCommand) {
        this(components, set, adoptExistingResources, timeout, retries, selfCommand, Prompts.none(EventHandler.NONE));
    }
}
