package dev.jackal.test.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Serves the files of a directory over plain HTTP on a free loopback port (the JDK's HTTP server), for
 * tests of downloads: remote files, manifests, Helm repositories. Records every requested path.
 */
public final class StaticHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final Path root;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private StaticHttpServer(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts serving {@code root}. */
    public static StaticHttpServer serve(Path root) {
        try {
            return new StaticHttpServer(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a loopback HTTP server", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The paths asked for, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(path);
        Path file = root.resolve(path.substring(1)).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(200, Files.size(file));
        try (OutputStream out = exchange.getResponseBody()) {
            Files.copy(file, out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
