package dev.jackal.test.kube;

import java.util.List;

/**
 * How {@link KubernetesControlPlane} is set up: for kwok's fake node (everything on loopback), or next to a
 * real kubelet ({@link #forRealNode}).
 *
 * @param bindAddress the apiserver's {@code --bind-address}
 * @param advertiseAddress the apiserver's {@code --advertise-address}: the {@code kubernetes} service's
 *     endpoint, which pods use to reach the API; a loopback address leaves that service without endpoints
 * @param serviceCidr the service CIDR (apiserver and controller-manager)
 * @param serviceIp the {@code kubernetes} service's ClusterIP, the first address of {@code serviceCidr}
 * @param extraSans more subject alternative names of the apiserver's certificate, e.g. {@code IP:192.0.2.2}
 * @param kubeletClient whether the apiserver gets a client certificate for kubelets (logs, exec, port-forward)
 *     and reaches them on their InternalIP
 * @param kwok whether kwok runs and one fake node is created
 */
public record ControlPlaneOptions(
        String bindAddress,
        String advertiseAddress,
        String serviceCidr,
        String serviceIp,
        List<String> extraSans,
        boolean kubeletClient,
        boolean kwok) {

    public ControlPlaneOptions {
        extraSans = List.copyOf(extraSans);
    }

    /** Loopback only, service CIDR {@code 10.0.0.0/24}, kwok's fake node. */
    public static ControlPlaneOptions kwokDefaults() {
        return new ControlPlaneOptions("127.0.0.1", "127.0.0.1", "10.0.0.0/24", "10.0.0.1", List.of(), false, true);
    }

    /**
     * For a real kubelet on {@code nodeIp}: the apiserver listens on every address and advertises the node's,
     * so pods reach it through the {@code kubernetes} service; no kwok.
     */
    public static ControlPlaneOptions forRealNode(String nodeIp, String serviceCidr, String serviceIp) {
        return new ControlPlaneOptions("0.0.0.0", nodeIp, serviceCidr, serviceIp, List.of("IP:" + nodeIp), true, false);
    }
}
