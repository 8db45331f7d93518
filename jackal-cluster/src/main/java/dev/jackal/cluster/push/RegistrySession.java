package dev.jackal.cluster.push;

import dev.jackal.core.event.EventHandler;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.model.Component;
import dev.jackal.core.oci.RegistryOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The cluster's registry for one deploy: found through {@code lookup} when first needed and then kept (init writes
 * the state in the middle of its deploy, so a missing registry is asked for again at the next component), it
 * receives each component's images ({@link ImagePushStep}) and gives each namespace the pull secret ({@link
 * PullSecrets}). Close it to end a port-forward.
 */
public final class RegistrySession implements AutoCloseable {

    private final EventHandler events;
    private final KubernetesClient client;
    private final Supplier<Optional<RegistryTarget>> lookup;
    private final int concurrency;
    private final RegistryOptions options;
    private RegistryTarget target;
    private ImagePushStep images;
    private PullSecrets pullSecrets;

    public RegistrySession(
            EventHandler events,
            KubernetesClient client,
            Supplier<Optional<RegistryTarget>> lookup,
            int concurrency,
            RegistryOptions options) {
        this.events = events;
        this.client = client;
        this.lookup = lookup;
        this.concurrency = concurrency;
        this.options = options;
    }

    /** The registry, once the cluster has one. */
    public synchronized Optional<RegistryTarget> target() {
        if (target == null) {
            lookup.get().ifPresent(found -> {
                target = found;
                images = new ImagePushStep(events, client, found, concurrency, options);
                pullSecrets = new PullSecrets(client, found);
            });
        }
        return Optional.ofNullable(target);
    }

    /** Pushes {@code component}'s images; fails in one line when it has some to push and there is no registry. */
    public void push(Path imagesLayout, Component component, PackageDialect dialect) {
        if (ImageNames.forComponent(component, dialect, "registry.invalid", "registry.invalid")
                .isEmpty()) {
            return;
        }
        if (target().isEmpty()) {
            throw new PushException(noRegistry(component.name()), null);
        }
        images.push(imagesLayout, component, dialect);
    }

    /** Writes the pull secret into {@code namespace}, when the cluster has a registry. */
    public void ensurePullSecret(String namespace) {
        if (target().isPresent()) {
            pullSecrets.ensure(namespace);
        }
    }

    /** The one line for images and no registry. */
    public static String noRegistry(String components) {
        return "the cluster has no jackal registry (no secret " + RegistryTargets.NAMESPACE + "/"
                + RegistryTargets.SECRET + "), and components " + components
                + " push images: run 'jackal init' first, or deploy to a cluster that jackal initialised";
    }

    @Override
    public synchronized void close() {
        if (images != null) {
            images.close();
        }
    }
}
