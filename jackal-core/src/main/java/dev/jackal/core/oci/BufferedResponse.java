package dev.jackal.core.oci;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** A response read whole into memory, seen as a streamed one (the transport's callers read streams). */
final class BufferedResponse implements HttpResponse<InputStream> {

    private final HttpResponse<byte[]> response;
    private final InputStream body;

    BufferedResponse(HttpResponse<byte[]> response) {
        this.response = response;
        this.body = new ByteArrayInputStream(response.body() == null ? new byte[0] : response.body());
    }

    @Override
    public int statusCode() {
        return response.statusCode();
    }

    @Override
    public HttpRequest request() {
        return response.request();
    }

    @Override
    public Optional<HttpResponse<InputStream>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
        return response.headers();
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return response.sslSession();
    }

    @Override
    public URI uri() {
        return response.uri();
    }

    @Override
    public HttpClient.Version version() {
        return response.version();
    }
}
