package dev.jackal.core.wait;

import dev.jackal.core.event.EventHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * Waits for a network endpoint (spec §10 {@code wait-for http|https|tcp ADDRESS [CODE|success]}): an HTTP
 * GET of {@code PROTOCOL://ADDRESS} answering the given status code, or any 2xx for {@code success} (the
 * default); for {@code tcp}, a connection to {@code host:port} that succeeds. Needs no cluster.
 */
public final class NetworkWaiter {

    /** How long one connection or request may take: the timeout, within these bounds. */
    private static final Duration MIN_ATTEMPT = Duration.ofMillis(500);

    private static final Duration MAX_ATTEMPT = Duration.ofSeconds(5);

    private final EventHandler events;
    private final Duration interval;

    public NetworkWaiter(EventHandler events) {
        this(events, Poll.INTERVAL);
    }

    public NetworkWaiter(EventHandler events, Duration interval) {
        this.events = events;
        this.interval = interval;
    }

    /**
     * Returns once the endpoint answers as asked.
     *
     * @param protocol {@code http}, {@code https} or {@code tcp} (any case)
     * @param address {@code host:port} with an optional path for HTTP, without the scheme
     * @param condition for HTTP a status code, or {@code success} or empty for any 2xx; ignored for TCP
     * @throws WaitTimeoutException naming the endpoint and what it was expected to do
     * @throws WaitException for an unknown protocol, a bad address or a bad status code
     */
    public void await(String protocol, String address, String condition, Duration timeout) {
        String scheme = protocol == null ? "" : protocol.strip().toLowerCase(Locale.ROOT);
        Duration attempt = timeout.compareTo(MAX_ATTEMPT) > 0 ? MAX_ATTEMPT : timeout;
        attempt = attempt.compareTo(MIN_ATTEMPT) < 0 ? MIN_ATTEMPT : attempt;
        switch (scheme) {
            case "http", "https" -> awaitHttp(scheme, address, condition, timeout, attempt);
            case "tcp" -> awaitTcp(address, timeout, attempt);
            default ->
                throw new WaitException("cannot wait for the protocol '" + protocol + "': use http, https or tcp");
        }
    }

    private void awaitHttp(String scheme, String address, String condition, Duration timeout, Duration attempt) {
        String code = condition == null || condition.isBlank()
                ? "success"
                : condition.strip().toLowerCase(Locale.ROOT);
        int expected = code.equals("success") ? 0 : statusCode(code);
        String target = address.strip();
        URI uri;
        try {
            uri = URI.create(target.startsWith(scheme + "://") ? target : scheme + "://" + target);
        } catch (IllegalArgumentException e) {
            throw new WaitException(
                    "cannot wait for " + scheme + " " + address + ": not an address (" + e.getMessage() + ")");
        }
        String awaited = uri + (expected == 0 ? " to answer with a 2xx status" : " to answer " + expected);
        events.info("waiting for " + awaited + " (timeout " + Poll.format(timeout) + ")");
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(attempt)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(attempt).GET().build();
        Poll.until(
                timeout,
                interval,
                () -> {
                    try {
                        int status = client.send(request, HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        boolean met = expected == 0 ? status >= 200 && status <= 299 : status == expected;
                        return met ? null : "it answered " + status;
                    } catch (IOException e) {
                        events.debug(uri + ": " + reason(e));
                        return reason(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new WaitException("interrupted while waiting for " + awaited, e);
                    }
                },
                () -> awaited);
        events.info(uri + " answered");
    }

    private void awaitTcp(String address, Duration timeout, Duration attempt) {
        URI uri;
        try {
            uri = URI.create("tcp://" + address.strip());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || uri.getPort() < 0) {
            throw new WaitException("cannot wait for tcp " + address + ": write the address as host:port");
        }
        String host = uri.getHost();
        int port = uri.getPort();
        String awaited = "tcp " + address.strip() + " to accept connections";
        events.info("waiting for " + awaited + " (timeout " + Poll.format(timeout) + ")");
        Poll.until(
                timeout,
                interval,
                () -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(host, port), (int) attempt.toMillis());
                        return null;
                    } catch (IOException e) {
                        events.debug(address + ": " + reason(e));
                        return reason(e);
                    }
                },
                () -> awaited);
        events.info(address + " accepts connections");
    }

    private static int statusCode(String code) {
        try {
            int value = Integer.parseInt(code);
            if (value >= 100 && value <= 599) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new WaitException(
                "invalid HTTP status code '" + code + "': use a code such as 200 or 404, or success" + " for any 2xx");
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
