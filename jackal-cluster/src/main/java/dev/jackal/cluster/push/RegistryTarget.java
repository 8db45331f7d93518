package dev.jackal.cluster.push;

import java.util.Objects;

/**
 * The registry a deploy pushes images to and nodes pull them from, as the cluster's state describes it (spec §7.3
 * {@code registryInfo}). The passwords never appear in {@link #toString()}.
 *
 * @param address where nodes pull from, e.g. {@code 127.0.0.1:31999} for the registry jackal runs in the cluster
 * @param pushUsername the user that pushes
 * @param pushPassword its password
 * @param pullUsername the user nodes pull with (the {@code private-registry} pull secret)
 * @param pullPassword its password
 * @param internal whether the registry runs in the cluster behind {@link #service}, reached through a port-forward
 *     when its NodePort address is not reachable from this host
 * @param service the in-cluster service of an internal registry
 */
public record RegistryTarget(
        String address,
        String pushUsername,
        String pushPassword,
        String pullUsername,
        String pullPassword,
        boolean internal,
        Service service) {

    /**
     * A Kubernetes service and port.
     *
     * @param namespace its namespace
     * @param name its name
     * @param port the service port
     */
    public record Service(String namespace, String name, int port) {
        /** {@code jackal/jackal-docker-registry:5000}, where init installs the registry. */
        public static final Service REGISTRY = new Service("jackal", "jackal-docker-registry", 5000);

        @Override
        public String toString() {
            return namespace + "/" + name + ":" + port;
        }
    }

    public RegistryTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(pushUsername, "pushUsername");
        Objects.requireNonNull(pushPassword, "pushPassword");
        Objects.requireNonNull(pullUsername, "pullUsername");
        Objects.requireNonNull(pullPassword, "pullPassword");
        Objects.requireNonNull(service, "service");
        if (address.isBlank()) {
            throw new IllegalArgumentException("a registry address is required");
        }
    }

    @Override
    public String toString() {
        return "RegistryTarget[address=" + address + ", pushUsername=" + pushUsername + ", pullUsername=" + pullUsername
                + ", internal=" + internal + ", service=" + service + ", passwords=****]";
    }
}
