package dev.jackal.cluster.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a push goes through a port-forward (spec §6.5). */
class PushEndpointTest {

    private static RegistryTarget target(String address, boolean internal) {
        return new RegistryTarget(
                address, "jackal-push", "p", "jackal-pull", "q", internal, RegistryTarget.Service.REGISTRY);
    }

    @Test
    void anInternalRegistryWhoseNodePortAnswersIsPushedToDirectly() {
        List<String> probed = new ArrayList<>();
        PushEndpoint decided = PushEndpoint.decide(target("127.0.0.1:31999", true), a -> probed.add(a));
        assertEquals(new PushEndpoint.Direct("127.0.0.1:31999"), decided);
        assertEquals(List.of("127.0.0.1:31999"), probed);
    }

    @Test
    void anInternalRegistryWhoseNodePortDoesNotAnswerIsReachedThroughItsService() {
        assertEquals(
                new PushEndpoint.Tunnel(RegistryTarget.Service.REGISTRY),
                PushEndpoint.decide(target("127.0.0.1:31999", true), a -> false));
    }

    @Test
    void anExternalRegistryIsNeverTunnelledNorProbed() {
        assertEquals(
                new PushEndpoint.Direct("registry.example:5000"),
                PushEndpoint.decide(target("registry.example:5000", false), a -> {
                    throw new AssertionError("probed " + a);
                }));
    }

    @Test
    void theProbeIsARealTcpConnect() throws Exception {
        int closedPort;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertTrue(PushEndpoint.accepts("127.0.0.1:" + server.getLocalPort(), Duration.ofSeconds(1)));
            closedPort = server.getLocalPort();
        }
        assertFalse(PushEndpoint.accepts("127.0.0.1:" + closedPort, Duration.ofSeconds(1)));
        assertFalse(PushEndpoint.accepts("not an address", Duration.ofSeconds(1)));
    }
}
