package dev.jackal.cluster.push;

import dev.jackal.core.event.EventHandler;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.model.Component;
import dev.jackal.core.oci.Credentials;
import dev.jackal.core.oci.ImagePusher;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.oci.PushResult;
import dev.jackal.core.oci.RegistryAuthException;
import dev.jackal.core.oci.RegistryClient;
import dev.jackal.core.oci.RegistryOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The images step of a deploy (spec §6.5): pushes each component's images from the package's {@code images/} layout
 * to the cluster's registry with the push credentials, under the names {@link ImageNames} gives. The endpoint is
 * chosen once, on the first component with images ({@link RegistryConnection}); a port-forward stays open until
 * {@link #close()}.
 */
public final class ImagePushStep implements AutoCloseable {

    /** How long the NodePort address gets to accept a connection before the push goes through a port-forward. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final EventHandler events;
    private final KubernetesClient client;
    private final RegistryTarget target;
    private final int concurrency;
    private final RegistryOptions options;
    private final Predicate<String> reachable;
    private RegistryConnection connection;
    private String endpoint;
    private RegistryClient registry;

    /**
     * @param concurrency blobs in flight at once
     * @param options retries, bounds and TLS for the registry (a loopback endpoint falls back to plain HTTP)
     */
    public ImagePushStep(
            EventHandler events,
            KubernetesClient client,
            RegistryTarget target,
            int concurrency,
            RegistryOptions options) {
        this(events, client, target, concurrency, options, address -> PushEndpoint.accepts(address, PROBE_TIMEOUT));
    }

    ImagePushStep(
            EventHandler events,
            KubernetesClient client,
            RegistryTarget target,
            int concurrency,
            RegistryOptions options,
            Predicate<String> reachable) {
        this.events = events;
        this.client = client;
        this.target = target;
        this.concurrency = concurrency;
        this.options = options;
        this.reachable = reachable;
    }

    /** Pushes the images of {@code component}; nothing for a component without images. */
    public PushResult push(Path imagesLayout, Component component, PackageDialect dialect) {
        if (component.images().isEmpty()) {
            return new PushResult(0, 0, 0, 0, 0, 0);
        }
        List<ImagePusher.Push> pushes = ImageNames.forComponent(component, dialect, target.address(), endpoint());
        if (pushes.isEmpty()) {
            events.info("component " + component.name() + ": its images are served by the injector, not pushed");
            return new PushResult(0, 0, 0, 0, 0, 0);
        }
        OciLayout layout = OciLayout.open(imagesLayout);
        String task = "push images of " + component.name();
        PushProgress progress = new PushProgress(events, task, ImagePusher.totalBytes(layout, pushes));
        events.lifecycle("pushing " + pushes.size() + " image(s) of " + component.name() + " to " + target.address()
                + (endpoint.equals(target.address()) ? "" : " (through " + endpoint + ")"));
        PushResult result;
        try {
            result = new ImagePusher(registry, progress).push(layout, pushes, concurrency);
        } catch (RegistryAuthException e) {
            throw new PushException(
                    "cannot push images to the registry " + target.address()
                            + (endpoint.equals(target.address()) ? "" : " (through " + endpoint + ")")
                            + ": it refused the push user '" + target.pushUsername() + "' (HTTP " + e.status()
                            + "); the credentials in " + RegistryTargets.NAMESPACE + "/" + RegistryTargets.SECRET
                            + " do not match the registry's",
                    e);
        }
        progress.finish();
        events.info("images: " + result.blobsUploaded() + " blob(s) uploaded (" + result.bytesUploaded() + " bytes), "
                + result.blobsMounted() + " mounted, " + result.blobsPresent() + " already there");
        return result;
    }

    /** The address images go to, opening the port-forward the first time it is needed. */
    private String endpoint() {
        if (connection == null) {
            connection = RegistryConnection.open(
                    events,
                    client,
                    target,
                    new Credentials(target.pushUsername(), target.pushPassword()),
                    options,
                    reachable);
            endpoint = connection.endpoint();
            registry = connection.client();
        }
        return endpoint;
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
