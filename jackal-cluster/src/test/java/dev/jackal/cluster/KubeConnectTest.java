package dev.jackal.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.cluster.kube.ClusterException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An API server that is not there is found out at once, with one request and no retries, and the message names the
 * server and the cause (it took 28 seconds of hidden retries before).
 */
class KubeConnectTest {

    @TempDir
    Path work;

    private Path kubeconfig(int port) throws IOException {
        return Files.writeString(
                work.resolve("kubeconfig"),
                """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: c
                    cluster: {server: "https://127.0.0.1:%d", insecure-skip-tls-verify: true}
                contexts:
                  - name: c
                    context: {cluster: c, user: u}
                current-context: c
                users:
                  - name: u
                    user: {token: not-a-secret}
                """
                        .formatted(port));
    }

    @Test
    void aClosedPortIsReportedAtOnceWithTheServerAndTheCause() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path config = kubeconfig(port);
        assertThrows(ClusterException.class, () -> Kube.connect(config), "warm-up: class loading and TLS set-up");
        Instant start = Instant.now();
        ClusterException e = assertThrows(ClusterException.class, () -> Kube.connect(config));
        Duration took = Duration.between(start, Instant.now());
        assertTrue(e.getMessage().contains("https://127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
        assertTrue(e.getMessage().contains(config.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(took.toSeconds() < 3, "no retries: took " + took);
    }

    @Test
    void aServerThatNeverAnswersIsGivenUpOnWithinTheRequestTimeout() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (true) {
                    try {
                        held.add(silent.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Path config = kubeconfig(silent.getLocalPort());
            Instant start = Instant.now();
            ClusterException e = assertThrows(ClusterException.class, () -> Kube.connect(config));
            Duration took = Duration.between(start, Instant.now());
            assertTrue(e.getMessage().contains("https://127.0.0.1:" + silent.getLocalPort()), e.getMessage());
            assertTrue(took.toSeconds() < ApiServerProbe.REQUEST_TIMEOUT_MS / 1000 + 10, "took " + took);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
