package dev.jackal.core.net;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;

/**
 * Opens {@link HttpURLConnection}s through an {@link HttpProxy}, with no JVM-wide state: the proxy is given to the
 * connection, a plain-HTTP request carries the proxy's Basic credentials up front (a streamed body cannot be resent
 * after a 407), and an HTTPS request answers the proxy's challenge to its {@code CONNECT} with an authenticator of
 * this connection alone. A host the proxy bypasses ({@code nonProxyHosts}) is reached directly. The JDK refuses Basic
 * for {@code CONNECT} unless the JVM runs with {@code -Djdk.http.auth.tunneling.disabledSchemes=}; see {@link
 * ProxyMessages}.
 */
public final class ProxiedConnections {

    /** The header that carries the proxy's credentials. */
    public static final String PROXY_AUTHORIZATION = "Proxy-Authorization";

    private ProxiedConnections() {}

    /**
     * A connection to {@code url}, not yet connected, through {@code proxy} unless it bypasses the host; with a null
     * {@code proxy}, the JDK's default (as {@link URL#openConnection()}).
     */
    public static HttpURLConnection open(URL url, HttpProxy proxy) throws IOException {
        if (proxy == null) {
            return (HttpURLConnection) url.openConnection();
        }
        boolean proxied = proxy.appliesTo(target(url));
        HttpURLConnection connection =
                (HttpURLConnection) url.openConnection(proxied ? proxy.toProxy() : Proxy.NO_PROXY);
        if (proxied) {
            if ("https".equalsIgnoreCase(url.getProtocol())) {
                // the CONNECT request carries no request headers: the proxy's challenge is answered per connection
                proxy.authenticator().ifPresent(connection::setAuthenticator);
            } else {
                proxy.basicAuthorization()
                        .ifPresent(value -> connection.setRequestProperty(PROXY_AUTHORIZATION, value));
            }
        }
        return connection;
    }

    private static URI target(URL url) throws MalformedURLException {
        try {
            return new URI(url.getProtocol(), null, url.getHost(), url.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new MalformedURLException("bad host in " + url.getProtocol() + "://" + url.getHost());
        }
    }
}
