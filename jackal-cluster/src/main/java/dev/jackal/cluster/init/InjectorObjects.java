package dev.jackal.cluster.init;

import static dev.jackal.injector.bootstrap.InjectorNames.BINARY_CONFIG_MAP;
import static dev.jackal.injector.bootstrap.InjectorNames.NAMESPACE;
import static dev.jackal.injector.bootstrap.InjectorNames.PAYLOAD_LABEL;
import static dev.jackal.injector.bootstrap.InjectorNames.PAYLOAD_LABEL_VALUE;
import static dev.jackal.injector.bootstrap.InjectorNames.POD;
import static dev.jackal.injector.bootstrap.InjectorNames.SERVICE;

import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.core.event.EventHandler;
import dev.jackal.injector.bootstrap.InjectorConfigMaps;
import dev.jackal.injector.bootstrap.InjectorPayload;
import dev.jackal.injector.bootstrap.InjectorService;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Creates and deletes the bootstrap objects in the {@code jackal} namespace; the objects come from the builders. */
final class InjectorObjects {

    private final KubernetesClient client;
    private final EventHandler events;
    private final InjectorBootstrap.Timeouts timeouts;

    InjectorObjects(KubernetesClient client, EventHandler events, InjectorBootstrap.Timeouts timeouts) {
        this.client = client;
        this.events = events;
        this.timeouts = timeouts;
    }

    void createConfigMaps(byte[] binary, InjectorPayload payload, String packageName) {
        apply(InjectorConfigMaps.binary(binary, packageName));
        List<ConfigMap> parts = InjectorConfigMaps.payloads(payload, packageName);
        for (int i = 0; i < parts.size(); i++) {
            apply(parts.get(i));
            events.progress("injector payload", i + 1, parts.size(), "parts");
        }
        events.finished("injector payload", parts.size(), parts.size(), "parts");
    }

    /**
     * Creates the service and returns its node port. An automatically assigned port that equals {@code avoid} (the
     * registry's, which the seed registry needs next) is given back and another one asked for, up to ten times.
     */
    int createService(Integer nodePort, String packageName, Integer avoid) {
        for (int attempt = 0; ; attempt++) {
            Service created = call("create the service " + SERVICE, () -> client.services()
                    .inNamespace(NAMESPACE)
                    .resource(InjectorService.service(nodePort, packageName))
                    .create());
            int port = created.getSpec().getPorts().get(0).getNodePort();
            if (nodePort != null || avoid == null || port != avoid || attempt == 9) {
                return port;
            }
            deleteAndWait(() -> client.services().inNamespace(NAMESPACE).withName(SERVICE), Duration.ofSeconds(30));
        }
    }

    void createPod(Pod pod) {
        call(
                "create the injector pod",
                () -> client.pods().inNamespace(NAMESPACE).resource(pod).create());
    }

    /**
     * Deletes the injector pod and waits until it is gone; one that its kubelet has not confirmed gone after the
     * grace time (its node does not answer) is deleted by force.
     */
    void deletePod() {
        try {
            deleteAndWait(() -> client.pods().inNamespace(NAMESPACE).withName(POD), timeouts.podGrace());
        } catch (ClusterException stillThere) {
            events.debug("deleting the injector pod by force: its node has not confirmed it gone");
            call("delete the injector pod", () -> client.pods()
                    .inNamespace(NAMESPACE)
                    .withName(POD)
                    .withGracePeriod(0)
                    .delete());
            deleteAndWait(() -> client.pods().inNamespace(NAMESPACE).withName(POD), timeouts.cleanup());
        }
    }

    /** Deletes the pod, the payload ConfigMaps, {@code rust-binary} and the service, and waits until all are gone. */
    void deleteAll() {
        Duration timeout = timeouts.cleanup();
        deletePod();
        List<ConfigMap> payloads = call("list the payload ConfigMaps", () -> client.configMaps()
                .inNamespace(NAMESPACE)
                .withLabel(PAYLOAD_LABEL, PAYLOAD_LABEL_VALUE)
                .list()
                .getItems());
        for (ConfigMap cm : payloads) {
            String name = cm.getMetadata().getName();
            deleteAndWait(() -> client.configMaps().inNamespace(NAMESPACE).withName(name), timeout);
        }
        deleteAndWait(() -> client.configMaps().inNamespace(NAMESPACE).withName(BINARY_CONFIG_MAP), timeout);
        deleteAndWait(() -> client.services().inNamespace(NAMESPACE).withName(SERVICE), timeout);
    }

    private void apply(ConfigMap cm) {
        call(
                "create the ConfigMap " + cm.getMetadata().getName(),
                () -> client.configMaps().inNamespace(NAMESPACE).resource(cm).createOr(c -> c.update()));
    }

    private <T extends HasMetadata> void deleteAndWait(
            Supplier<io.fabric8.kubernetes.client.dsl.Resource<T>> resource, Duration timeout) {
        call("delete a bootstrap object", () -> resource.get().delete());
        long deadline = System.nanoTime() + timeout.toNanos();
        T left;
        while ((left = call("look up a bootstrap object", () -> resource.get().get())) != null) {
            if (System.nanoTime() > deadline) {
                throw new ClusterException(
                        "the " + left.getKind() + " " + NAMESPACE + "/"
                                + left.getMetadata().getName() + " is still there " + timeout.toSeconds()
                                + "s after it was deleted",
                        null);
            }
            sleep(250);
        }
    }

    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw new ClusterException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted during the injector bootstrap", e);
        }
    }
}
