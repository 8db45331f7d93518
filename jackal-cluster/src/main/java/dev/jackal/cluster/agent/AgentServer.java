package dev.jackal.cluster.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.jackal.core.event.EventHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The agent's HTTPS server (spec §9): {@code /healthz} and one {@code /mutate/…} endpoint per {@link Mutations}
 * entry. Requests are bounded: POST only (405), {@code Content-Type: application/json} only (400), bodies up to
 * {@link Settings#maxBodyBytes()} (413), a fixed number of worker threads with a bounded queue (when it is full the
 * accepting thread handles the request itself, so new connections wait). Each request is logged as a debug event,
 * each refusal as a warning; objects and the state are never logged.
 */
public final class AgentServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How much of a refused body is read and dropped before the answer. */
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    /**
     * @param address where to listen (port 0: any free port)
     * @param tls the server's TLS identity
     * @param state read for each admission request (the mounted state secret can change)
     * @param threads worker threads
     * @param maxBodyBytes the largest request body accepted
     */
    public record Settings(
            InetSocketAddress address, SSLContext tls, Supplier<AgentState> state, int threads, int maxBodyBytes) {
        public Settings {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(state, "state");
            if (threads < 1 || maxBodyBytes < 1) {
                throw new IllegalArgumentException("threads and maxBodyBytes must be positive");
            }
        }
    }

    private final HttpsServer server;
    private final ThreadPoolExecutor workers;
    private final Settings settings;
    private final EventHandler events;

    private AgentServer(HttpsServer server, ThreadPoolExecutor workers, Settings settings, EventHandler events) {
        this.server = server;
        this.workers = workers;
        this.settings = settings;
        this.events = events;
    }

    /** Starts serving; close the server to stop. */
    public static AgentServer start(Settings settings, EventHandler events) {
        HttpsServer server;
        try {
            server = HttpsServer.create(settings.address(), 64);
        } catch (IOException e) {
            throw new AgentException("cannot listen on " + settings.address() + ": " + e.getMessage(), e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(settings.tls()));
        ThreadPoolExecutor workers = new ThreadPoolExecutor(
                settings.threads(),
                settings.threads(),
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.threads() * 8),
                runnable -> {
                    Thread thread = new Thread(runnable, "jackal-agent");
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(workers);
        AgentServer agent = new AgentServer(server, workers, settings, events);
        server.createContext("/", agent::handle);
        server.start();
        events.info("jackal agent listening on https://" + settings.address().getHostString() + ":" + agent.port());
        return agent;
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(1);
        workers.shutdown();
        events.info("jackal agent stopped");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/healthz")) {
                send(exchange, 200, "text/plain", "ok");
                return;
            }
            Mutation mutation = Mutations.byPath().get(path);
            if (mutation == null) {
                send(exchange, 404, "text/plain", "no such endpoint: " + path);
                return;
            }
            mutate(exchange, path, mutation);
        } catch (UncheckedIOException | IOException e) {
            events.debug("agent: the connection broke: " + e.getMessage());
        }
    }

    private void mutate(HttpExchange exchange, String path, Mutation mutation) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            send(exchange, 405, "text/plain", "use POST");
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).split(";")[0].strip().equals("application/json")) {
            send(exchange, 400, "text/plain", "Content-Type must be application/json");
            return;
        }
        byte[] body = readBody(exchange);
        if (body == null) {
            send(exchange, 413, "text/plain", "the body is larger than " + settings.maxBodyBytes() + " bytes");
            return;
        }
        JsonNode review;
        try {
            review = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            send(exchange, 400, "text/plain", "the body is not JSON");
            return;
        }
        AdmissionReviews.Answer answer;
        try {
            answer = AdmissionReviews.answer(
                    review == null ? JSON.createObjectNode() : review, mutation, settings.state());
        } catch (AgentException e) {
            send(exchange, 400, "text/plain", e.getMessage());
            return;
        }
        if (answer.allowed()) {
            events.debug("agent " + path + ": " + answer.message() + ": " + answer.operations() + " patch operations");
        } else {
            events.warn("agent " + path + " refused: " + answer.message());
        }
        send(exchange, 200, "application/json", JSON.writeValueAsString(answer.review()));
    }

    /**
     * The body, or null when it is larger than the limit (judged from Content-Length first, then by reading). The
     * rest of a refused body is read and dropped, up to {@link #DRAIN_LIMIT}, so the client sees the 413 rather than
     * a connection reset while it is still sending.
     */
    private byte[] readBody(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        try (InputStream in = exchange.getRequestBody()) {
            if (length != null && Long.parseLong(length.strip()) > settings.maxBodyBytes()) {
                drain(in);
                return null;
            }
            byte[] body = in.readNBytes(settings.maxBodyBytes() + 1);
            if (body.length > settings.maxBodyBytes()) {
                drain(in);
                return null;
            }
            return body;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void drain(InputStream in) throws IOException {
        long left = DRAIN_LIMIT;
        byte[] buffer = new byte[16 * 1024];
        int read;
        while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
            left -= read;
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
