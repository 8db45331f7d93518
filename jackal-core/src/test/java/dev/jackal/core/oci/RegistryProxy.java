package dev.jackal.core.oci;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test HTTP proxy in front of a real (plain, anonymous) registry: it forwards every request byte for byte and
 * counts them, and can demand Bearer tokens from its own token endpoint ({@code /token}, Basic-authenticated),
 * fail the next requests with a status, or slow down blob downloads to make concurrency visible.
 */
final class RegistryProxy implements AutoCloseable {

    private static final Set<String> HOP_HEADERS = Set.of(
            "host",
            "connection",
            "content-length",
            "transfer-encoding",
            "expect",
            "upgrade",
            "authorization",
            "keep-alive",
            "date");

    private final HttpServer server;
    private final String upstream;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<String> tokenQueries = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizationsSeen = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger inFlightBlobs = new AtomicInteger();
    private final AtomicInteger maxInFlightBlobs = new AtomicInteger();
    private volatile int failureStatus = 503;
    private volatile String bearerUser;
    private volatile String bearerPassword;
    private volatile long blobDelayMillis;
    private volatile boolean redirectBlobs;

    private RegistryProxy(String upstream) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "registry-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Forwards to {@code upstreamBaseUrl}, e.g. {@code http://127.0.0.1:5000}. */
    static RegistryProxy start(String upstreamBaseUrl) throws IOException {
        return new RegistryProxy(upstreamBaseUrl);
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, registry requests need a Bearer token that {@code /token} issues for these credentials. */
    void requireBearer(String user, String password) {
        this.bearerUser = user;
        this.bearerPassword = password;
    }

    void failNext(int requests, int status) {
        failureStatus = status;
        failuresLeft.set(requests);
    }

    /** From now on, blob downloads are answered with a 307 to the upstream registry itself, as to blob storage. */
    void redirectBlobDownloads() {
        redirectBlobs = true;
    }

    void delayBlobDownloads(Duration delay) {
        blobDelayMillis = delay.toMillis();
    }

    /** Requests seen, by {@code "<METHOD> <kind>"}: kinds are manifests, blobs, uploads, tags, catalog, base, token. */
    int count(String methodAndKind) {
        AtomicInteger count = counts.get(methodAndKind);
        return count == null ? 0 : count.get();
    }

    int maxConcurrentBlobDownloads() {
        return maxInFlightBlobs.get();
    }

    List<String> tokenQueries() {
        return List.copyOf(tokenQueries);
    }

    /** Every Authorization header value received (to check that no secret went where it should not). */
    List<String> authorizationsSeen() {
        return List.copyOf(authorizationsSeen);
    }

    void resetCounts() {
        counts.clear();
        tokenQueries.clear();
        maxInFlightBlobs.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String kind = kind(path);
            counts.computeIfAbsent(method + " " + kind, k -> new AtomicInteger())
                    .incrementAndGet();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                authorizationsSeen.add(authorization);
            }
            if (kind.equals("token")) {
                token(exchange, authorization);
                return;
            }
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                respond(exchange, failureStatus, "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"injected\"}]}");
                return;
            }
            if (bearerUser != null && !validBearer(authorization)) {
                String action = method.equals("GET") || method.equals("HEAD") ? "pull" : "pull,push";
                String scope =
                        kind.equals("catalog") ? "registry:catalog:*" : "repository:" + repository(path) + ":" + action;
                exchange.getResponseHeaders()
                        .add(
                                "WWW-Authenticate",
                                "Bearer realm=\"http://" + address() + "/token\",service=\"jackal-proxy\",scope=\""
                                        + scope + "\"");
                respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"token required\"}]}");
                return;
            }
            boolean blobGet = method.equals("GET") && kind.equals("blobs");
            if (blobGet && redirectBlobs) {
                exchange.getResponseHeaders().set("Location", upstream + exchange.getRequestURI());
                exchange.sendResponseHeaders(307, -1);
                return;
            }
            if (blobGet) {
                maxInFlightBlobs.accumulateAndGet(inFlightBlobs.incrementAndGet(), Math::max);
            }
            try {
                if (blobGet && blobDelayMillis > 0) {
                    Thread.sleep(blobDelayMillis);
                }
                forward(exchange, method);
            } finally {
                if (blobGet) {
                    inFlightBlobs.decrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean validBearer(String authorization) {
        return authorization != null
                && authorization.startsWith("Bearer ")
                && issued.contains(authorization.substring("Bearer ".length()));
    }

    private void token(HttpExchange exchange, String authorization) throws IOException {
        tokenQueries.add(exchange.getRequestURI().getRawQuery());
        String expected = "Basic "
                + Base64.getEncoder()
                        .encodeToString((bearerUser + ":" + bearerPassword).getBytes(StandardCharsets.UTF_8));
        if (bearerUser == null || !expected.equals(authorization)) {
            respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
            return;
        }
        String token = UUID.randomUUID().toString();
        issued.add(token);
        respond(exchange, 200, "{\"token\":\"" + token + "\",\"expires_in\":300}");
    }

    private void forward(HttpExchange exchange, String method) throws IOException, InterruptedException {
        URI uri = URI.create(upstream + exchange.getRequestURI().toString());
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        HttpRequest.BodyPublisher body;
        if (method.equals("GET") || method.equals("HEAD") || "0".equals(length)) {
            body = HttpRequest.BodyPublishers.noBody();
        } else {
            HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody);
            body = length != null ? HttpRequest.BodyPublishers.fromPublisher(stream, Long.parseLong(length)) : stream;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body);
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("location")) {
                values.forEach(
                        v -> exchange.getResponseHeaders().add(name, v.replace(upstream, "http://" + address())));
            } else if (!HOP_HEADERS.contains(lower) || lower.equals("content-length") && method.equals("HEAD")) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
            }
        });
        long contentLength =
                response.headers().firstValueAsLong("Content-Length").orElse(-1);
        try (InputStream in = response.body()) {
            if (method.equals("HEAD") || contentLength == 0 || response.statusCode() == 204) {
                exchange.sendResponseHeaders(response.statusCode(), -1);
                in.transferTo(OutputStream.nullOutputStream());
            } else {
                exchange.sendResponseHeaders(response.statusCode(), Math.max(contentLength, 0));
                try (OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String kind(String path) {
        if (path.equals("/token")) {
            return "token";
        }
        if (path.equals("/v2/_catalog")) {
            return "catalog";
        }
        if (path.contains("/blobs/uploads")) {
            return "uploads";
        }
        for (String kind : List.of("manifests", "blobs", "tags")) {
            if (path.contains("/" + kind + "/")) {
                return kind;
            }
        }
        return "base";
    }

    private static String repository(String path) {
        String rest = path.startsWith("/v2/") ? path.substring(4) : path;
        for (String marker : List.of("/manifests/", "/blobs/", "/tags/")) {
            int i = rest.indexOf(marker);
            if (i > 0) {
                return rest.substring(0, i);
            }
        }
        return rest;
    }
}
