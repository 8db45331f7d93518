package dev.jackal.core.oci;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

/**
 * A bodiless pull request (manifest or blob HEAD/GET) sent with {@link HttpURLConnection}, seen as an {@link
 * HttpResponse}, so that the transport's status, redirect and authentication handling stay the same. {@code HttpURLConnection} reads the socket
 * straight into the caller's buffer, whereas {@code java.net.http} allocates a fresh buffer for every read: a byte of
 * garbage for every byte of blob, which grows the heap to its limit on a large pull.
 *
 * <p>A read that times out is reported as an {@link HttpTimeoutException}, as {@code java.net.http} reports its own
 * timeouts, so that it is retried the same way.
 */
final class UrlConnectionResponse implements HttpResponse<InputStream> {

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
     * @param connectTimeout how long connecting may take
     * @param timeout how long one read may wait, or null for no limit
     * @param tls the TLS context for https, or null for the JDK's default
     * @param anyHostName whether not to check the server certificate's host name ({@code --insecure-skip-tls-verify})
     */
    static UrlConnectionResponse send(
            String method,
            URI uri,
            Map<String, String> headers,
            Duration connectTimeout,
            Duration timeout,
            SSLContext tls,
            boolean anyHostName)
            throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
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
        connection.setConnectTimeout((int) connectTimeout.toMillis());
        connection.setReadTimeout(timeout == null ? 0 : (int) timeout.toMillis());
        connection.setRequestProperty("Accept", "*/*");
        headers.forEach(connection::setRequestProperty);
        int status;
        try {
            status = connection.getResponseCode();
        } catch (SocketTimeoutException e) {
            throw timeout(uri, e);
        }
        Map<String, List<String>> fields = new HashMap<>();
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null && values != null) {
                fields.put(name, values);
            }
        });
        InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return new UrlConnectionResponse(
                request,
                status,
                HttpHeaders.of(fields, (name, value) -> true),
                stream == null ? InputStream.nullInputStream() : new TimeoutReporting(stream, uri));
    }

    private static HttpTimeoutException timeout(URI uri, SocketTimeoutException cause) {
        HttpTimeoutException e = new HttpTimeoutException(
                "no answer in time from " + uri.getHost() + ":" + uri.getPort() + " (" + cause.getMessage() + ")");
        e.initCause(cause);
        return e;
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

    /** Turns a read timeout into an {@link HttpTimeoutException}. */
    private static final class TimeoutReporting extends FilterInputStream {
        private final URI uri;

        TimeoutReporting(InputStream in, URI uri) {
            super(in);
            this.uri = uri;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (SocketTimeoutException e) {
                throw timeout(uri, e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return in.read(buffer, offset, length);
            } catch (SocketTimeoutException e) {
                throw timeout(uri, e);
            }
        }
    }
}
