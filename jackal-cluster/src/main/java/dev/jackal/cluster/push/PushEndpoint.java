package dev.jackal.cluster.push;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Where a deploy sends images (spec §6.5): straight to the registry's address, or, for the registry jackal runs in
 * the cluster when its NodePort address does not answer from this host (the deployer runs off the node), through a
 * port-forward to its service.
 */
public sealed interface PushEndpoint {

    /** Push to this address. */
    record Direct(String address) implements PushEndpoint {}

    /** Push through a port-forward to this service. */
    record Tunnel(RegistryTarget.Service service) implements PushEndpoint {}

    /** Decides for {@code target}; {@code reachable} tells whether an address accepts TCP connections from here. */
    static PushEndpoint decide(RegistryTarget target, Predicate<String> reachable) {
        if (!target.internal() || reachable.test(target.address())) {
            return new Direct(target.address());
        }
        return new Tunnel(target.service());
    }

    /** Whether {@code host:port} (also {@code [v6]:port}) accepts a TCP connection within {@code timeout}. */
    static boolean accepts(String address, Duration timeout) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || address.indexOf('/') >= 0) {
            return false;
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
