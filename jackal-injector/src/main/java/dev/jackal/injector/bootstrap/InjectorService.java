package dev.jackal.injector.bootstrap;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.Map;

/**
 * The NodePort service {@code jackal-injector} (spec §7.5 step 3): port 5000 to the injector pod, so every
 * node's kubelet reaches the seed images at {@code 127.0.0.1:<nodePort>}.
 */
public final class InjectorService {

    private InjectorService() {}

    /**
     * @param nodePort the node port to ask for, or null to let the API server pick one
     * @param packageName the init package's name for the package label, or null for none
     */
    public static Service service(Integer nodePort, String packageName) {
        if (nodePort != null && (nodePort < 1 || nodePort > 65535)) {
            throw new IllegalArgumentException("node port " + nodePort + " is not a port number");
        }
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(InjectorNames.SERVICE)
                .withNamespace(InjectorNames.NAMESPACE)
                .withLabels(InjectorConfigMaps.labels(packageName))
                .endMetadata()
                .withNewSpec()
                .withType("NodePort")
                .withSelector(Map.of("app", InjectorNames.APP))
                .withPorts(new ServicePortBuilder()
                        .withName("registry")
                        .withProtocol("TCP")
                        .withPort(InjectorNames.PORT)
                        .withTargetPort(new IntOrString(InjectorNames.PORT))
                        .withNodePort(nodePort)
                        .build())
                .endSpec()
                .build();
    }
}
