package dev.jackal.core.git;

import dev.jackal.core.net.BoundedHttp;
import dev.jackal.core.net.HttpProxy;
import dev.jackal.core.net.ProxiedConnections;
import dev.jackal.core.net.TransferBounds;
import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;
import org.eclipse.jgit.util.HttpSupport;

/**
 * JGit's HTTP connections with the {@link TransferBounds} minimum rate on every response body: JGit's own timeout
 * catches a silent or stalled server, not one that trickles. Set per transport, never globally.
 *
 * <p>With an {@link HttpProxy}, every connection goes through it (unless it bypasses the host) instead of through the
 * proxy JGit picks from the JVM's default {@link java.net.ProxySelector}, its credentials set on that connection alone
 * ({@link ProxiedConnections}). {@link JDKHttpConnection} opens its connection with {@link URL#openConnection(Proxy)},
 * so it is handed a URL whose handler opens the proxied connection; the connection itself is the JDK's, for the real
 * URL.
 */
final class BoundedGitHttp extends JDKHttpConnectionFactory {

    private final TransferBounds bounds;
    private final HttpProxy proxy;

    /** @param proxy the proxy for every connection, or null for the one JGit picks */
    BoundedGitHttp(TransferBounds bounds, HttpProxy proxy) {
        this.bounds = bounds;
        this.proxy = proxy;
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
        return create(url, HttpSupport.proxyFor(ProxySelector.getDefault(), url));
    }

    @Override
    public HttpConnection create(URL url, Proxy selected) throws IOException {
        if (proxy == null) {
            return new Connection(url, url, selected, bounds);
        }
        return new Connection(
                url, new URL(null, url.toExternalForm(), new Proxied(url, proxy)), Proxy.NO_PROXY, bounds);
    }

    /** Opens the connection to one URL through the proxy, whatever proxy JGit asks for. */
    private static final class Proxied extends URLStreamHandler {
        private final URL url;
        private final HttpProxy proxy;

        Proxied(URL url, HttpProxy proxy) {
            this.url = url;
            this.proxy = proxy;
        }

        @Override
        protected URLConnection openConnection(URL ignored) throws IOException {
            return ProxiedConnections.open(url, proxy);
        }

        @Override
        protected URLConnection openConnection(URL ignored, Proxy selected) throws IOException {
            return ProxiedConnections.open(url, proxy);
        }
    }

    private static final class Connection extends JDKHttpConnection {
        private final URL url;
        private final TransferBounds bounds;

        Connection(URL url, URL opened, Proxy proxy, TransferBounds bounds) throws IOException {
            super(opened, proxy);
            this.url = url;
            this.bounds = bounds;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            try {
                return BoundedHttp.body(super.getInputStream(), url.toURI(), bounds, -1);
            } catch (URISyntaxException e) {
                return super.getInputStream();
            }
        }
    }
}
