package dev.jackal.cluster.push;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;

/**
 * A port-forward from a free loopback port to a ready pod behind a service ({@code kubectl port-forward svc/…}), for
 * pushing to the registry jackal runs in the cluster from a host that cannot reach its NodePort.
 */
final class RegistryTunnel implements AutoCloseable {

    private final LocalPortForward forward;
    private final String pod;

    private RegistryTunnel(LocalPortForward forward, String pod) {
        this.forward = forward;
        this.pod = pod;
    }

    static RegistryTunnel open(KubernetesClient client, RegistryTarget.Service service) {
        try {
            Service svc = client.services()
                    .inNamespace(service.namespace())
                    .withName(service.name())
                    .get();
            if (svc == null) {
                throw new PushException(
                        "the registry service " + service + " does not exist; run 'jackal init' to install it", null);
            }
            Map<String, String> selector = svc.getSpec().getSelector();
            Pod ready = client
                    .pods()
                    .inNamespace(service.namespace())
                    .withLabels(selector == null ? Map.of() : selector)
                    .list()
                    .getItems()
                    .stream()
                    .filter(RegistryTunnel::isReady)
                    .findFirst()
                    .orElseThrow(() -> new PushException(
                            "no ready pod behind the registry service " + service
                                    + "; check the registry's pods in namespace " + service.namespace(),
                            null));
            int port = targetPort(svc, service.port(), ready);
            LocalPortForward forward = client.pods()
                    .inNamespace(service.namespace())
                    .withName(ready.getMetadata().getName())
                    .portForward(port, InetAddress.getLoopbackAddress(), 0);
            return new RegistryTunnel(forward, ready.getMetadata().getName());
        } catch (KubernetesClientException e) {
            throw new PushException(
                    "cannot open a port-forward to the registry service " + service + ": " + e.getMessage(), e);
        }
    }

    /** {@code 127.0.0.1:<local port>}. */
    String address() {
        return "127.0.0.1:" + forward.getLocalPort();
    }

    String pod() {
        return pod;
    }

    static boolean isReady(Pod pod) {
        return pod.getStatus() != null
                && "Running".equals(pod.getStatus().getPhase())
                && pod.getMetadata().getDeletionTimestamp() == null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The container port behind service port {@code port}: a number, or a name looked up in the pod. */
    static int targetPort(Service svc, int port, Pod pod) {
        Optional<IntOrString> target = svc.getSpec().getPorts().stream()
                .filter(p -> p.getPort() != null && p.getPort() == port)
                .map(ServicePort::getTargetPort)
                .filter(t -> t != null)
                .findFirst();
        if (target.isEmpty()) {
            return port;
        }
        if (target.get().getIntVal() != null) {
            return target.get().getIntVal();
        }
        String name = target.get().getStrVal();
        return pod.getSpec().getContainers().stream()
                .flatMap(c ->
                        c.getPorts() == null ? java.util.stream.Stream.<ContainerPort>empty() : c.getPorts().stream())
                .filter(p -> name.equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElse(port);
    }

    @Override
    public void close() {
        try {
            forward.close();
        } catch (IOException ignored) {
            // the forward ends with the client anyway
        }
    }
}
