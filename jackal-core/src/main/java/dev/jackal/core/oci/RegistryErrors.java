package dev.jackal.core.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jackal.core.net.HttpProxy;
import dev.jackal.core.net.TransferTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The one place that turns HTTP statuses and I/O failures into typed exceptions with advice: 403 and 404,
 * unknown hosts, refused connections, TLS problems, and HTTP/HTTPS mix-ups.
 */
final class RegistryErrors {

    private static final int MAX_ERROR_BODY = 16 * 1024;

    private RegistryErrors() {}

    /** The exception for an unexpected status (below 500, not 401); consumes the body. */
    static OciException status(
            HttpResponse<InputStream> response, String registry, String reference, String verb, String what) {
        int status = response.statusCode();
        String detail = detail(response);
        String prefix = "cannot " + verb + " " + reference + ": ";
        if (status == 404) {
            return new ImageNotFoundException(
                    reference,
                    prefix + what + " not found in the registry " + registry + "; check the repository, tag or digest"
                            + suffix(detail));
        }
        if (status == 403) {
            return new RegistryAuthException(
                    reference,
                    registry,
                    403,
                    prefix + "the registry " + registry + " denied access (403); the credentials lack the right to "
                            + verb + " this repository, or log in with 'docker login " + registry + "'"
                            + suffix(detail));
        }
        if (status == 400 && detail.contains("HTTP request to an HTTPS server")) {
            return new RegistryTlsException(
                    registry,
                    prefix + "the registry " + registry + " speaks HTTPS but was reached over plain HTTP;"
                            + " do not use --plain-http for it",
                    null);
        }
        return new RegistryException(
                registry, status, prefix + "the registry " + registry + " answered " + status + suffix(detail));
    }

    /** The exception for an I/O failure that retries did not cure. */
    static OciException io(IOException e, String registry, String reference, String verb, int attempts) {
        String prefix = "cannot " + verb + " " + reference + ": ";
        String tried = attempts > 1 ? " (after " + attempts + " attempts)" : "";
        if (e instanceof RegistryTransport.ServerError server) {
            return new RegistryException(
                    registry,
                    server.status,
                    prefix + "the registry " + registry + " answered " + server.status + tried
                            + suffix(server.getMessage()));
        }
        if (e instanceof RegistryTransport.ProxyFailure proxy) {
            return new RegistryException(registry, proxy.status, prefix + proxy.getMessage() + tried);
        }
        if (e instanceof TransferTimeoutException) {
            return new RegistryConnectionException(registry, prefix + e.getMessage() + tried, e);
        }
        SSLException tls = find(e, SSLException.class);
        if (tls != null) {
            String message = String.valueOf(tls.getMessage());
            if (notTls(e)) {
                return new RegistryTlsException(
                        registry,
                        prefix + "the registry " + registry + " does not speak TLS; if it serves plain HTTP, use"
                                + " --plain-http",
                        e);
            }
            String reason = message.contains("PKIX")
                    ? "its certificate is not signed by a trusted CA"
                    : message.contains("subject alternative") ? "its certificate does not name this host" : message;
            return new RegistryTlsException(
                    registry,
                    prefix + "TLS connection to " + registry + " failed (" + reason + "); use"
                            + " --insecure-skip-tls-verify or trust the registry's CA certificate",
                    e);
        }
        if (find(e, UnresolvedAddressException.class) != null || find(e, UnknownHostException.class) != null) {
            return new RegistryConnectionException(
                    registry,
                    prefix + "unknown host " + registry + "; check the registry name and your DNS or network",
                    e);
        }
        if (e instanceof HttpTimeoutException) {
            return new RegistryConnectionException(
                    registry, prefix + "the registry " + registry + " did not answer in time" + tried, e);
        }
        if (e instanceof InterruptedIOException) {
            return new RegistryConnectionException(registry, prefix + "interrupted", e);
        }
        if (find(e, ConnectException.class) != null) {
            return new RegistryConnectionException(
                    registry,
                    prefix + "cannot connect to " + registry + tried
                            + "; check that the registry runs and the host and port are right",
                    e);
        }
        return new RegistryConnectionException(
                registry, prefix + "the connection to " + registry + " failed" + tried + ": " + e.getMessage(), e);
    }

    /** Whether {@code e} says that the server answered a TLS handshake with something else (plain HTTP). */
    static boolean notTls(IOException e) {
        SSLException tls = find(e, SSLException.class);
        if (tls == null) {
            return false;
        }
        String message = String.valueOf(tls.getMessage());
        return message.contains("Unsupported or unrecognized SSL message") || message.contains("plaintext");
    }

    /** Whether another attempt may succeed: 5xx and connection trouble, but not TLS or unknown hosts. */
    static boolean retryable(IOException e) {
        return !(e instanceof InterruptedIOException)
                && !(e instanceof RegistryTransport.ProxyFailure proxy && proxy.status == 407)
                && find(e, SSLException.class) == null
                && find(e, UnresolvedAddressException.class) == null
                && find(e, UnknownHostException.class) == null;
    }

    /** The registry's error codes and messages from a response body (consumed), or its first line. */
    static String detail(HttpResponse<InputStream> response) {
        byte[] body;
        try (InputStream in = response.body()) {
            body = in == null ? new byte[0] : in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            return "";
        }
        if (body.length == 0) {
            return "";
        }
        try {
            JsonNode errors = Json.MAPPER.readTree(body).get("errors");
            if (errors != null && errors.isArray()) {
                List<String> parts = new ArrayList<>();
                errors.forEach(error -> parts.add(error.path("code").asText("") + " "
                        + error.path("message").asText("")));
                return String.join("; ", parts).strip();
            }
        } catch (IOException | RuntimeException e) {
            // not the registry's JSON error format
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        int newline = text.indexOf('\n');
        text = newline < 0 ? text : text.substring(0, newline);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    /** Closes a response body without reading it. */
    static void discard(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            if (in != null) {
                in.readNBytes(MAX_ERROR_BODY);
            }
        } catch (IOException ignored) {
            // the response is abandoned anyway
        }
    }

    private static String suffix(String detail) {
        return detail == null || detail.isBlank() ? "" : " (" + detail + ")";
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /**
     * {@code e} (a 401) with a hint that {@code proxy} may be the one refusing: some proxies answer wrong
     * credentials with 401 instead of 407, which looks like the registry's refusal.
     */
    static RegistryAuthException maybeTheProxy(RegistryAuthException e, Optional<HttpProxy> proxy) {
        if (e.status() != 401 || proxy.isEmpty() || proxy.get().username().isEmpty()) {
            return e;
        }
        return new RegistryAuthException(
                e.reference(),
                e.registry(),
                e.status(),
                e.getMessage() + "; or the proxy " + proxy.get().address() + " rejected the credentials of user '"
                        + proxy.get().username().orElseThrow() + "' (some proxies answer 401 instead of 407):"
                        + " check the proxy's user name and password");
    }
}
