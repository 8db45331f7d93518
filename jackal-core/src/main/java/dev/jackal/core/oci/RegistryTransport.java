package dev.jackal.core.oci;

import dev.jackal.core.net.BoundedHttp;
import dev.jackal.core.net.HttpProxy;
import dev.jackal.core.net.Loopback;
import dev.jackal.core.net.ProxiedConnections;
import dev.jackal.core.net.ProxyMessages;
import dev.jackal.core.net.TransferTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLContext;

/**
 * HTTP to one registry: the base URL (plain or TLS), the authentication handshake on 401, and retries with
 * exponential back-off on 5xx and I/O errors (timeouts included). Statuses below 500 other than 401 go back to the
 * caller. Every request is bounded by the options' {@link dev.jackal.core.net.TransferBounds}.
 *
 * <p>A loopback registry ({@link Loopback}) reached without {@code plainHttp} is tried over TLS first; when it does
 * not speak TLS, it and every later request to it go over plain HTTP, as containerd and Zarf do. A loopback registry
 * that speaks TLS stays on TLS (a certificate problem is reported, never downgraded), and no other registry falls
 * back unless the options allow it ({@link RegistryOptions#withPlainHttpFallback}).
 *
 * <p>With {@link RegistryOptions#proxy()}, both HTTP stacks (and so token requests and redirected blob downloads too)
 * go through the proxy for every host it does not bypass; a 407 or a refused tunnel is a {@link ProxyFailure}.
 */
final class RegistryTransport {

    /** A 5xx answer: retried, then reported as a {@link RegistryException}. */
    static final class ServerError extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        ServerError(int status, String detail) {
            super(detail);
            this.status = status;
        }
    }

    /**
     * The HTTP proxy refused a request (407) or could not open a tunnel to the registry; reported as a {@link
     * RegistryException} naming the proxy, and retried only when it is not a refusal of credentials.
     */
    static final class ProxyFailure extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        ProxyFailure(int status, String detail) {
            super(detail);
            this.status = status;
        }
    }

    /** One attempt of an operation; I/O failures may be retried. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws IOException;
    }

    /**
     * One request; {@code timeout} is how long the answer may take (for an upload: sending the body too), null for
     * the options' read timeout.
     */
    record Call(String method, URI uri, Map<String, String> headers, HttpRequest.BodyPublisher body, Duration timeout) {

        static Call of(String method, URI uri, Map<String, String> headers) {
            return new Call(method, uri, headers, HttpRequest.BodyPublishers.noBody(), null);
        }

        Call withUri(URI other) {
            return new Call(method, other, headers, body, timeout);
        }
    }

    private static final String DOCKER_HUB_API = "registry-1.docker.io";

    private final String registry;
    private final URI tlsBase;
    private final URI plainBase;
    private final boolean mayFallBack;
    private volatile boolean plain;
    private final RegistryOptions options;
    private final SSLContext tls;
    private HttpClient http;
    private final RegistryAuthenticator auth;
    private final String userAgent;

    RegistryTransport(String registry, RegistryOptions options, CredentialProvider credentials, String userAgent) {
        this.registry = registry;
        this.options = options;
        this.userAgent = userAgent;
        String host = ImageReference.DOCKER_HUB.equals(registry) ? DOCKER_HUB_API : registry;
        this.tlsBase = URI.create("https://" + host + "/");
        this.plainBase = URI.create("http://" + host + "/");
        this.plain = options.plainHttp();
        this.mayFallBack = !options.plainHttp() && (options.plainHttpFallback() || Loopback.isLoopback(host));
        this.tls = options.plainHttp() ? null : TlsContexts.forOptions(options, registry);
        this.auth = new RegistryAuthenticator(registry, credentials, this::sendDirect);
    }

    /**
     * The {@code java.net.http} client, built on first use: blob downloads do not use it, and building one
     * loads the JVM's default TLS context even for plain HTTP.
     */
    private synchronized HttpClient http() {
        if (http == null) {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(options.bounds().connectTimeout());
            if (tls != null) {
                builder.sslContext(tls);
            }
            // no authenticator: java.net.http would then drop the registry's Authorization header; the proxy's
            // credentials go as a header instead (see sendHttpClient)
            options.proxy().ifPresent(proxy -> builder.proxy(selector(proxy)));
            http = builder.build();
        }
        return http;
    }

    private static ProxySelector selector(HttpProxy proxy) {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(proxy.proxyFor(uri));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
                // the failure reaches the caller of send, which reports it
            }
        };
    }

    String registry() {
        return registry;
    }

    RegistryOptions options() {
        return options;
    }

    /** {@code path} (e.g. {@code v2/repo/manifests/tag}) against the registry's base URL. */
    URI uri(String path) {
        return (plain ? plainBase : tlsBase).resolve(path);
    }

    /** Whether requests go over plain HTTP: asked for, or a loopback registry found not to speak TLS. */
    boolean plainHttp() {
        return plain;
    }

    /** Runs {@code attempt}, retrying transient failures; maps what remains to an {@link OciException}. */
    <T> T retrying(String reference, String verb, Attempt<T> attempt) {
        for (int i = 0; ; i++) {
            try {
                return attempt.run();
            } catch (IOException e) {
                if (!RegistryErrors.retryable(e) || i >= options.retries()) {
                    throw RegistryErrors.io(e, registry, reference, verb, i + 1);
                }
                sleep(options.backoff(i), reference, verb);
            }
        }
    }

    /**
     * Sends {@code call} in the scope of {@code repository} ({@code push} adds the push right), authenticating on
     * 401. Returns responses below 500 except 401; the caller closes the body.
     */
    HttpResponse<InputStream> send(Call call, String repository, boolean push, String reference, String verb)
            throws IOException {
        return send(call, repositoryScope(repository, push), reference, verb, this::sendDirect);
    }

    /**
     * As {@link #send} in an explicit token scope, e.g. {@code registry:catalog:*} for the catalog, which belongs to
     * no repository.
     */
    HttpResponse<InputStream> sendInScope(Call call, String scope, String reference, String verb) throws IOException {
        return send(call, scope, reference, verb, this::sendDirect);
    }

    /** The token scope of a request in {@code repository}: {@code repository:<name>:pull}, plus push when pushing. */
    static String repositoryScope(String repository, boolean push) {
        return "repository:" + repository + ":" + (push ? "pull,push" : "pull");
    }

    /**
     * As {@link #send} for a pull-side request without a body (manifest and blob HEAD/GET): sent with {@link
     * UrlConnectionResponse}, which adds no garbage per byte received and, for plain HTTP, never loads a TLS
     * context.
     */
    HttpResponse<InputStream> sendPull(Call call, String repository, String reference, String verb) throws IOException {
        return send(call, repositoryScope(repository, false), reference, verb, this::sendStreaming);
    }

    /**
     * As {@link #send} for a push request (upload start, blob, manifest) whose body is {@code body}, streamed with
     * {@link UrlConnectionResponse}: {@code java.net.http} copies a file through many small buffers, several times the
     * CPU on loopback, and costs about a second to start.
     */
    HttpResponse<InputStream> sendUpload(
            Call call, UploadBody.Source body, LongConsumer sent, String repository, String reference, String verb)
            throws IOException {
        return send(
                call,
                repositoryScope(repository, true),
                reference,
                verb,
                (c, authorization) ->
                        withFallback(c, authorization, (cc, a) -> sendUrlConnectionUpload(cc, a, body, sent)));
    }

    /** A redirected blob download with {@link UrlConnectionResponse}, without the registry's authentication. */
    HttpResponse<InputStream> sendDirectForStream(URI uri, Map<String, String> headers) throws IOException {
        return sendStreaming(Call.of("GET", uri, headers), Optional.empty());
    }

    @FunctionalInterface
    private interface Sender {
        HttpResponse<InputStream> send(Call call, Optional<String> authorization) throws IOException;
    }

    private HttpResponse<InputStream> send(Call call, String scope, String reference, String verb, Sender sender)
            throws IOException {
        boolean retried = false;
        while (true) {
            Optional<String> authorization = auth.authorization(scope, reference, verb);
            HttpResponse<InputStream> response = sender.send(call, authorization);
            if (response.statusCode() != 401) {
                return response;
            }
            RegistryErrors.discard(response);
            try {
                if (retried) {
                    throw auth.rejectedAfterRetry(reference, verb);
                }
                auth.unauthorized(
                        response.headers().allValues("WWW-Authenticate"), scope, authorization, reference, verb);
            } catch (RegistryAuthException e) {
                throw RegistryErrors.maybeTheProxy(e, proxyFor(call.uri()));
            }
            retried = true;
        }
    }

    /** GET without the registry's authentication, e.g. for a redirect to blob storage or a token realm. */
    HttpResponse<InputStream> sendDirect(URI uri, Optional<String> authorization) throws IOException {
        return sendDirect(Call.of("GET", uri, Map.of()), authorization);
    }

    private HttpResponse<InputStream> sendDirect(Call call, Optional<String> authorization) throws IOException {
        return withFallback(call, authorization, this::sendHttpClient);
    }

    private HttpResponse<InputStream> sendStreaming(Call call, Optional<String> authorization) throws IOException {
        return withFallback(call, authorization, this::sendUrlConnection);
    }

    /** Sends {@code call}, over plain HTTP for a loopback registry that turned out (now or before) not to speak TLS. */
    private HttpResponse<InputStream> withFallback(Call call, Optional<String> authorization, Sender sender)
            throws IOException {
        if (!mayFallBack || !ours(call.uri())) {
            return exchange(sender, call, authorization);
        }
        if (plain) {
            return exchange(sender, toPlain(call), authorization);
        }
        try {
            return exchange(sender, call, authorization);
        } catch (IOException e) {
            if (!RegistryErrors.notTls(e)) {
                throw e;
            }
            plain = true;
            return exchange(sender, toPlain(call), authorization);
        }
    }

    /**
     * One exchange by {@code sender}, whichever HTTP stack it uses: a 5xx is a {@link ServerError}, the proxy's 407 or
     * refused tunnel a {@link ProxyFailure}.
     */
    private HttpResponse<InputStream> exchange(Sender sender, Call call, Optional<String> authorization)
            throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = sender.send(call, authorization);
        } catch (IOException e) {
            throw proxied(e, call.uri());
        }
        return checked(response, call.uri());
    }

    /** Whether {@code uri} is this registry's over HTTPS (not a redirect to other storage). */
    private boolean ours(URI uri) {
        return "https".equals(uri.getScheme()) && tlsBase.getRawAuthority().equals(uri.getRawAuthority());
    }

    private Call toPlain(Call call) {
        URI uri = call.uri();
        String rest = uri.toString().substring(tlsBase.toString().length());
        return call.withUri(plainBase.resolve(rest));
    }

    /**
     * Sends with {@code java.net.http} (pushes, token and tag requests, whose answers are small): the whole answer,
     * body included, must arrive within the call's timeout plus the read timeout, since {@code java.net.http} bounds
     * only the wait for the headers.
     */
    private HttpResponse<InputStream> sendHttpClient(Call call, Optional<String> authorization) throws IOException {
        Duration timeout =
                call.timeout() != null ? call.timeout() : options.bounds().readTimeout();
        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri())
                .method(call.method(), call.body())
                .header("User-Agent", userAgent)
                .timeout(timeout);
        call.headers().forEach(request::header);
        authorization.ifPresent(value -> request.header("Authorization", value));
        // java.net.http sends a Proxy-* header to the proxy only (with CONNECT too, unless the JVM disables Basic for
        // tunnelling) and never inside the tunnel to the registry
        proxyFor(call.uri())
                .flatMap(HttpProxy::basicAuthorization)
                .ifPresent(value -> request.header(ProxiedConnections.PROXY_AUTHORIZATION, value));
        CompletableFuture<HttpResponse<byte[]>> future =
                http().sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        Duration limit = timeout.plus(options.bounds().readTimeout());
        try {
            return new BufferedResponse(future.get(limit.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new TransferTimeoutException(
                    BoundedHttp.safe(call.uri()),
                    "no complete answer within " + limit.toSeconds() + " s from " + BoundedHttp.safe(call.uri()),
                    e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while talking to " + registry);
        }
    }

    /** The call's headers with the user agent and, when given, the authorization. */
    private Map<String, String> headers(Call call, Optional<String> authorization) {
        Map<String, String> headers = new LinkedHashMap<>(call.headers());
        headers.put("User-Agent", userAgent);
        authorization.ifPresent(value -> headers.put("Authorization", value));
        return headers;
    }

    private HttpResponse<InputStream> sendUrlConnection(Call call, Optional<String> authorization) throws IOException {
        return UrlConnectionResponse.send(
                call.method(),
                call.uri(),
                headers(call, authorization),
                options.bounds(),
                tls,
                options.insecureSkipTlsVerify(),
                options.proxy().orElse(null));
    }

    private HttpResponse<InputStream> sendUrlConnectionUpload(
            Call call, Optional<String> authorization, UploadBody.Source body, LongConsumer sent) throws IOException {
        return UrlConnectionResponse.upload(
                call.method(),
                call.uri(),
                headers(call, authorization),
                options.bounds(),
                tls,
                options.insecureSkipTlsVerify(),
                options.proxy().orElse(null),
                body,
                sent);
    }

    /** The response, unless it is a 5xx ({@link ServerError}) or the proxy's 407 ({@link ProxyFailure}). */
    private HttpResponse<InputStream> checked(HttpResponse<InputStream> response, URI uri) throws IOException {
        if (response.statusCode() == 407) {
            RegistryErrors.discard(response);
            HttpProxy proxy = proxyFor(uri).orElse(null);
            throw new ProxyFailure(407, ProxyMessages.refused(proxy, uri));
        }
        if (response.statusCode() >= 500) {
            String detail = RegistryErrors.detail(response);
            throw new ServerError(response.statusCode(), detail);
        }
        return response;
    }

    /** The proxy a request to {@code uri} goes through: the options' unless it bypasses the host. */
    private Optional<HttpProxy> proxyFor(URI uri) {
        return options.proxy().filter(p -> p.appliesTo(uri));
    }

    /** {@code e}, or a {@link ProxyFailure} naming the proxy when the proxy refused to open a tunnel. */
    private IOException proxied(IOException e, URI uri) {
        if (e instanceof ProxyFailure) {
            return e;
        }
        return ProxyMessages.tunnelFailure(options.proxy().orElse(null), uri, e)
                .<IOException>map(refusal -> {
                    ProxyFailure failure = new ProxyFailure(refusal.status(), refusal.message());
                    if (refusal.status() == 0) {
                        failure.initCause(e);
                    }
                    return failure;
                })
                .orElse(e);
    }

    private void sleep(Duration pause, String reference, String verb) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryErrors.io(
                    new InterruptedIOException("interrupted while waiting to retry"), registry, reference, verb, 1);
        }
    }
}
