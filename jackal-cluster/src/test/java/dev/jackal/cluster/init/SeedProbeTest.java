package dev.jackal.cluster.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The manifest probe against a small loopback server that serves one manifest by tag, as the injector does. */
class SeedProbeTest {

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Accept"));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            int code = exchange.getRequestURI().getPath().equals("/v2/library/registry/manifests/2.8.3") ? 200 : 404;
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void everySeedImageAnswers() {
        int port = server.getAddress().getPort();
        assertTrue(SeedProbe.listening(port));
        assertNull(SeedProbe.probe(port, List.of("docker.io/library/registry:2.8.3"), Duration.ZERO));
        assertTrue(requests.get(0).startsWith("/v2/library/registry/manifests/2.8.3 "), requests.toString());
        assertTrue(requests.get(0).contains("application/vnd.oci.image.manifest.v1+json"), requests.toString());
    }

    @Test
    void aMissingImageIsNamed() {
        int port = server.getAddress().getPort();
        String failure = SeedProbe.probe(
                port, List.of("library/registry:2.8.3", "ghcr.io/acme/agent:v1"), Duration.ofMillis(1500));
        assertEquals("GET /v2/acme/agent/manifests/v1 answered HTTP 404", failure);
        assertTrue(requests.size() >= 4, "retried within the patience: " + requests);
    }

    @Test
    void nothingListeningIsSeen() {
        int port = server.getAddress().getPort();
        server.stop(0);
        assertFalse(SeedProbe.listening(port));
    }
}
