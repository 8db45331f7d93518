package dev.jackal.cluster.push;

import dev.jackal.core.JackalVersion;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.oci.CredentialProvider;
import dev.jackal.core.oci.Credentials;
import dev.jackal.core.oci.RegistryClient;
import dev.jackal.core.oci.RegistryOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The cluster's registry as this host reaches it, for one user: straight at its address, or, for the registry jackal
 * runs in the cluster when its NodePort does not answer from here, through a port-forward to its service ({@link
 * PushEndpoint}); with a client that sends that user's credentials to whichever it is. Close it to end the
 * port-forward.
 */
public final class RegistryConnection implements AutoCloseable {

    private final String endpoint;
    private final RegistryClient client;
    private final RegistryTunnel tunnel;

    private RegistryConnection(String endpoint, RegistryClient client, RegistryTunnel tunnel) {
        this.endpoint = endpoint;
        this.client = client;
        this.tunnel = tunnel;
    }

    /**
     * Connects to {@code target} as {@code user}.
     *
     * @param options retries, bounds and TLS for the registry (a loopback endpoint falls back to plain HTTP)
     * @param reachable whether an address accepts TCP connections from here
     */
    public static RegistryConnection open(
            EventHandler events,
            KubernetesClient cluster,
            RegistryTarget target,
            Credentials user,
            RegistryOptions options,
            Predicate<String> reachable) {
        PushEndpoint decided = PushEndpoint.decide(target, reachable);
        RegistryTunnel tunnel = null;
        String endpoint;
        if (decided instanceof PushEndpoint.Tunnel t) {
            tunnel = RegistryTunnel.open(cluster, t.service());
            endpoint = tunnel.address();
            events.info("the registry's NodePort " + target.address() + " does not answer from here: going through"
                    + " a port-forward " + endpoint + " to pod " + tunnel.pod());
        } else {
            endpoint = ((PushEndpoint.Direct) decided).address();
        }
        RegistryClient client = RegistryClient.builder()
                .credentials(CredentialProvider.of(Map.of(endpoint, user)))
                .options(endpoint, options)
                .userAgent("jackal/" + JackalVersion.get())
                .build();
        return new RegistryConnection(endpoint, client, tunnel);
    }

    /** Where requests go: the registry's address, or {@code 127.0.0.1:<port>} of the port-forward. */
    public String endpoint() {
        return endpoint;
    }

    /** A client with the user's credentials for {@link #endpoint()}. */
    public RegistryClient client() {
        return client;
    }

    @Override
    public void close() {
        if (tunnel != null) {
            tunnel.close();
        }
    }
}
