package dev.jackal.core.wait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.jackal.core.event.EventHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server and real sockets on loopback. */
class NetworkWaiterTest {

    private final NetworkWaiter waiter = new NetworkWaiter(EventHandler.NONE, Duration.ofMillis(50));
    private final AtomicInteger healthCalls = new AtomicInteger();
    private HttpServer server;
    private String address;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        // 503 for the first three calls, then 200: a service that comes up while we wait
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(healthCalls.incrementAndGet() > 3 ? 200 : 503, -1);
            exchange.close();
        });
        server.start();
        address = "127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void httpCodesAndSuccess() {
        waiter.await("http", address + "/ok", "204", Duration.ofSeconds(5));
        waiter.await("HTTP", address + "/ok", "success", Duration.ofSeconds(5));
        waiter.await("http", address + "/ok", "", Duration.ofSeconds(5));
        waiter.await("http", address + "/missing", "404", Duration.ofSeconds(5));
        waiter.await("http", "http://" + address + "/ok", "204", Duration.ofSeconds(5));
    }

    @Test
    void waitsForAServiceThatComesUp() {
        waiter.await("http", address + "/health", "200", Duration.ofSeconds(10));
        assertEquals(4, healthCalls.get());
    }

    @Test
    void aWrongCodeTimesOutSayingWhatItGot() {
        WaitTimeoutException e = assertThrows(
                WaitTimeoutException.class,
                () -> waiter.await("http", address + "/missing", "200", Duration.ofMillis(400)));
        assertEquals(
                "timed out after 400ms waiting for http://" + address + "/missing to answer 200 (it answered 404)",
                e.getMessage());
        e = assertThrows(
                WaitTimeoutException.class,
                () -> waiter.await("http", address + "/missing", "success", Duration.ofMillis(200)));
        assertTrue(e.getMessage().contains("to answer with a 2xx status (it answered 404)"), e.getMessage());
    }

    @Test
    void tcpConnectsToAListeningSocketAndTimesOutOnAClosedPort() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            waiter.await("tcp", "127.0.0.1:" + listening.getLocalPort(), "", Duration.ofSeconds(5));
        }
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        long start = System.nanoTime();
        WaitTimeoutException e = assertThrows(
                WaitTimeoutException.class,
                () -> waiter.await("tcp", "127.0.0.1:" + closed, "", Duration.ofMillis(500)));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "timed out after 500ms waiting for tcp 127.0.0.1:" + closed + " to accept connections"),
                e.getMessage());
        assertTrue(System.nanoTime() - start >= 500_000_000L);
    }

    @Test
    void badInputFailsAtOnce() {
        assertTrue(assertThrows(WaitException.class, () -> waiter.await("udp", address, "", Duration.ofSeconds(5)))
                .getMessage()
                .contains("use http, https or tcp"));
        assertTrue(assertThrows(WaitException.class, () -> waiter.await("http", address, "abc", Duration.ofSeconds(5)))
                .getMessage()
                .contains("invalid HTTP status code 'abc'"));
        assertTrue(assertThrows(WaitException.class, () -> waiter.await("tcp", "nohost", "", Duration.ofSeconds(5)))
                .getMessage()
                .contains("host:port"));
    }
}
