package dev.jackal.core.oci;

import dev.jackal.core.net.BoundedHttp;
import dev.jackal.core.net.HttpProxy;
import dev.jackal.core.net.ProxiedConnections;
import dev.jackal.core.net.TransferBounds;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

/**
 * A bodiless pull request (manifest or blob HEAD/GET), or a blob upload, sent with {@link HttpURLConnection}, seen as an {@link
 * HttpResponse}, so that the transport's status, redirect and authentication handling stay the same. {@code HttpURLConnection} reads the socket
 * straight into the caller's buffer, whereas {@code java.net.http} allocates a fresh buffer for every read: a byte of
 * garbage for every byte of blob, which grows the heap to its limit on a large pull.
 *
 * <p>The request and its body are bounded by {@link TransferBounds}: a timeout or a body arriving too slowly is a
 * {@link dev.jackal.core.net.TransferTimeoutException} naming the URL, retried like other I/O failures.
 *
 * <p>Through an {@link HttpProxy}, the connection is opened by {@link ProxiedConnections}: a plain-HTTP request
 * carries the proxy's Basic credentials up front; an HTTPS request answers the proxy's challenge to its {@code CONNECT}
 * with an authenticator of this connection alone (no JVM-wide {@link java.net.Authenticator}). The JDK refuses Basic
 * for {@code CONNECT} unless the JVM runs with {@code -Djdk.http.auth.tunneling.disabledSchemes=}; the proxy's 407
 * then reaches the transport, which says so.
 */
final class UrlConnectionResponse implements HttpResponse<InputStream> {

    /** What {@code HttpURLConnection} says when it sent a request on a kept connection the other side had closed. */
    private static final String STALE = "Unexpected end of file from server";

    private final HttpRequest request;
    private final int status;
    private final HttpHeaders headers;
    private final InputStream body;

    private UrlConnectionResponse(HttpRequest request, int status, HttpHeaders headers, InputStream body) {
        this.request = request;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /**
     * Sends {@code method} to {@code uri} with {@code headers}, without following redirects.
     *
     * @param bounds the connect and read timeouts and the body's minimum rate
     * @param tls the TLS context for https, or null for the JDK's default
     * @param anyHostName whether not to check the server certificate's host name ({@code --insecure-skip-tls-verify})
     * @param proxy the HTTP proxy to go through unless it bypasses {@code uri}'s host, or null to connect directly
     */
    static UrlConnectionResponse send(
            String method,
            URI uri,
            Map<String, String> headers,
            TransferBounds bounds,
            SSLContext tls,
            boolean anyHostName,
            HttpProxy proxy)
            throws IOException {
        HttpURLConnection connection = open(method, uri, headers, bounds, tls, anyHostName, proxy);
        return respond(connection, method, uri, bounds);
    }

    /**
     * As {@link #send}, with {@code body} streamed as the request body ({@link UploadBody}); {@code sent} hears the
     * bytes as they are written (and takes back those of an attempt sent again).
     *
     * <p>Through a forwarding proxy, an upload that finds its kept connection closed is sent again at once on
     * another: a proxy may close the connection after each answer without saying so (tinyproxy does), and the JDK
     * resends no streamed body itself. Every stale connection is dropped as it fails, and the JDK keeps at most
     * {@code http.maxConnections} (5) per host, so that many attempts reach a fresh one; the proxy never saw the
     * lost requests.
     */
    static UrlConnectionResponse upload(
            String method,
            URI uri,
            Map<String, String> headers,
            TransferBounds bounds,
            SSLContext tls,
            boolean anyHostName,
            HttpProxy proxy,
            UploadBody.Source body,
            LongConsumer sent)
            throws IOException {
        int staleLeft = forwarded(proxy, uri) ? Integer.getInteger("http.maxConnections", 5) : 0;
        while (true) {
            HttpURLConnection connection = open(method, uri, headers, bounds, tls, anyHostName, proxy);
            long[] written = {0};
            try {
                UploadBody.write(connection, uri, body, bounds, n -> {
                    written[0] += n;
                    sent.accept(n);
                });
                return respond(connection, method, uri, bounds);
            } catch (SocketException e) {
                if (staleLeft-- <= 0 || !STALE.equals(e.getMessage())) {
                    throw e;
                }
                sent.accept(-written[0]);
            }
        }
    }

    private static HttpURLConnection open(
            String method,
            URI uri,
            Map<String, String> headers,
            TransferBounds bounds,
            SSLContext tls,
            boolean anyHostName,
            HttpProxy proxy)
            throws IOException {
        HttpURLConnection connection = ProxiedConnections.open(uri.toURL(), proxy);
        if (connection instanceof HttpsURLConnection https) {
            if (tls != null) {
                https.setSSLSocketFactory(tls.getSocketFactory());
            }
            if (anyHostName) {
                https.setHostnameVerifier((host, session) -> true);
            }
        }
        connection.setRequestMethod(method);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        BoundedHttp.configure(connection, bounds);
        connection.setRequestProperty("Accept", "*/*");
        headers.forEach(connection::setRequestProperty);
        return connection;
    }

    /** Whether {@code proxy} forwards the plain-HTTP request to {@code uri} (rather than tunnel or not see it). */
    private static boolean forwarded(HttpProxy proxy, URI uri) {
        return proxy != null && proxy.appliesTo(uri) && "http".equals(uri.getScheme());
    }

    private static UrlConnectionResponse respond(
            HttpURLConnection connection, String method, URI uri, TransferBounds bounds) throws IOException {
        int status;
        try {
            status = BoundedHttp.responseCode(connection, uri, bounds);
        } catch (HttpRetryException e) {
            // a 401 to a streamed body: HttpURLConnection will not resend it, the transport does after authenticating
            status = e.responseCode();
        }
        Map<String, List<String>> fields = new HashMap<>();
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null && values != null) {
                fields.put(name, values);
            }
        });
        InputStream stream = status >= 400 ? errorStream(connection) : connection.getInputStream();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return new UrlConnectionResponse(
                request,
                status,
                HttpHeaders.of(fields, (name, value) -> true),
                stream == null
                        ? InputStream.nullInputStream()
                        : BoundedHttp.body(stream, uri, bounds, connection.getContentLengthLong()));
    }

    private static InputStream errorStream(HttpURLConnection connection) {
        try {
            return connection.getErrorStream();
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public int statusCode() {
        return status;
    }

    @Override
    public HttpRequest request() {
        return request;
    }

    @Override
    public Optional<HttpResponse<InputStream>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
        return headers;
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    @Override
    public URI uri() {
        return request.uri();
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }
}
