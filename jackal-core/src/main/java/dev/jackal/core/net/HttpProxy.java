package dev.jackal.core.net;

import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An HTTP proxy that requests go through: its host and port, optional Basic credentials, and the hosts reached
 * directly ({@code nonProxyHosts} in Maven's form, {@code a|b|*.c}: each pattern is a host name, and {@code *}
 * matches any characters, case-insensitively). Plain-HTTP requests are forwarded by the proxy, HTTPS requests are
 * tunnelled through it with {@code CONNECT}. The password never appears in {@link #toString()}.
 */
public final class HttpProxy {

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final List<String> nonProxyHosts;
    private final List<Pattern> bypass;

    private HttpProxy(String host, int port, String username, String password, List<String> nonProxyHosts) {
        if (host == null || host.isBlank() || host.contains("/") || host.contains(" ")) {
            throw new IllegalArgumentException("proxy host must be a host name or address, not '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port must be 1 to 65535, not " + port);
        }
        if (username != null && username.isEmpty()) {
            throw new IllegalArgumentException("proxy user name must not be empty");
        }
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = username == null ? null : Objects.requireNonNullElse(password, "");
        this.nonProxyHosts = List.copyOf(nonProxyHosts);
        List<Pattern> patterns = new ArrayList<>();
        for (String pattern : this.nonProxyHosts) {
            patterns.add(Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q"), Pattern.CASE_INSENSITIVE));
        }
        this.bypass = List.copyOf(patterns);
    }

    /** A proxy at {@code host:port}, without credentials, used for every host. */
    public static HttpProxy of(String host, int port) {
        return new HttpProxy(host, port, null, null, List.of());
    }

    /** The same proxy with Basic credentials; a null {@code username} removes them. */
    public HttpProxy withCredentials(String username, String password) {
        return new HttpProxy(host, port, username, password, nonProxyHosts);
    }

    /**
     * The same proxy, bypassed for the hosts of {@code patterns} in Maven's {@code nonProxyHosts} form
     * ({@code localhost|*.example.org}; {@code ,} separates too); null or blank for none.
     */
    public HttpProxy withNonProxyHosts(String patterns) {
        List<String> parsed = new ArrayList<>();
        if (patterns != null) {
            for (String pattern : patterns.split("[|,]")) {
                if (!pattern.isBlank()) {
                    parsed.add(pattern.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return new HttpProxy(host, port, username, password, parsed);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** The patterns of hosts reached directly, lower case. */
    public List<String> nonProxyHosts() {
        return nonProxyHosts;
    }

    /** Whether a request to {@code uri} goes through this proxy: its host matches no {@link #nonProxyHosts}. */
    public boolean appliesTo(URI uri) {
        String target = uri.getHost();
        if (target == null) {
            return false;
        }
        if (target.startsWith("[") && target.endsWith("]")) {
            target = target.substring(1, target.length() - 1);
        }
        for (Pattern pattern : bypass) {
            if (pattern.matcher(target).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The JDK's form of this proxy (its address unresolved until a connection is made). */
    public Proxy toProxy() {
        return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
    }

    /** {@link #toProxy()} for {@code uri}, or {@link Proxy#NO_PROXY} when it is reached directly. */
    public Proxy proxyFor(URI uri) {
        return appliesTo(uri) ? toProxy() : Proxy.NO_PROXY;
    }

    /** The {@code Proxy-Authorization} header value (Basic), when there are credentials. */
    public Optional<String> basicAuthorization() {
        if (username == null) {
            return Optional.empty();
        }
        String pair = username + ":" + password;
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * An authenticator for one connection that answers this proxy's challenge once (a second challenge means the
     * credentials were rejected) and never a server's; empty without credentials.
     */
    public Optional<Authenticator> authenticator() {
        if (username == null) {
            return Optional.empty();
        }
        return Optional.of(new Authenticator() {
            private boolean answered;

            @Override
            protected synchronized PasswordAuthentication getPasswordAuthentication() {
                if (getRequestorType() != RequestorType.PROXY || answered) {
                    return null;
                }
                answered = true;
                return new PasswordAuthentication(username, password.toCharArray());
            }
        });
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpProxy o
                && o.host.equals(host)
                && o.port == port
                && Objects.equals(o.username, username)
                && Objects.equals(o.password, password)
                && o.nonProxyHosts.equals(nonProxyHosts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, username, nonProxyHosts);
    }

    /** Host, port, user name and bypassed hosts; never the password. */
    @Override
    public String toString() {
        return "HttpProxy[" + address() + (username == null ? "" : ", user=" + username)
                + (nonProxyHosts.isEmpty() ? "" : ", nonProxyHosts=" + String.join("|", nonProxyHosts)) + "]";
    }
}
