package dev.jackal.core.git;

import dev.jackal.core.net.BoundedHttp;
import dev.jackal.core.net.TransferBounds;
import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.URISyntaxException;
import java.net.URL;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/**
 * JGit's HTTP connections with the {@link TransferBounds} minimum rate on every response body: JGit's own timeout
 * catches a silent or stalled server, not one that trickles. Set per transport, never globally.
 */
final class BoundedGitHttp extends JDKHttpConnectionFactory {

    private final TransferBounds bounds;

    BoundedGitHttp(TransferBounds bounds) {
        this.bounds = bounds;
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
        return new Connection(url, null, bounds);
    }

    @Override
    public HttpConnection create(URL url, Proxy proxy) throws IOException {
        return new Connection(url, proxy, bounds);
    }

    private static final class Connection extends JDKHttpConnection {
        private final URL url;
        private final TransferBounds bounds;

        Connection(URL url, Proxy proxy, TransferBounds bounds) throws IOException {
            super(url, proxy);
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
