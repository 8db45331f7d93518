package dev.jackal.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Loopback endpoints that stand in for an API server: one that counts and drops connections, one that is closed. */
final class LoopbackServers {

    private LoopbackServers() {}

    /** A port on loopback that nothing listens on (bound, then released). */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A kubeconfig for {@code https://127.0.0.1:port} with a token. */
    static Path kubeconfig(Path dir, int port) throws IOException {
        return Files.writeString(
                dir.resolve("kubeconfig-" + port),
                """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: c
                    cluster:
                      server: https://127.0.0.1:%d
                      insecure-skip-tls-verify: true
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

    /** Accepts connections on loopback, counts them and closes each at once. */
    static final class CountingServer implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();
        private final Thread acceptor;

        CountingServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::accept, "counting-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
