package dev.jackal.test.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP forwarder in front of a real server (e.g. a registry), byte for byte in both directions: it counts
 * the bytes clients send upstream and receive, and can cut one connection once clients have sent a given number of
 * bytes (a push broken in the middle of a blob), after which it forwards normally again.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong cutAfter = new AtomicLong(-1);
    private final AtomicLong sinceArmed = new AtomicLong();
    private final AtomicBoolean cut = new AtomicBoolean();
    private volatile boolean stallInsteadOfCut;
    private final List<Socket> sockets = new ArrayList<>();
    private final Thread acceptor;

    private TcpProxy(ServerSocket server, InetSocketAddress upstream) {
        this.server = server;
        this.upstream = upstream;
        this.acceptor = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Forwards a free loopback port to {@code host:port}. */
    public static TcpProxy to(String host, int port) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            return new TcpProxy(server, new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback port", e);
        }
    }

    /** {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Bytes clients sent through the proxy so far (request lines, headers and bodies). */
    public long bytesSent() {
        return sent.get();
    }

    /** Bytes clients received through the proxy so far. */
    public long bytesReceived() {
        return received.get();
    }

    /** Sets both counters back to 0. */
    public void resetCounts() {
        sent.set(0);
        received.set(0);
    }

    /**
     * Cuts the connection that carries client byte number {@code bytes + 1} counted from now (over all connections),
     * once.
     */
    public TcpProxy cutOnceAfter(long bytes) {
        stallInsteadOfCut = false;
        cut.set(false);
        sinceArmed.set(0);
        cutAfter.set(bytes);
        return this;
    }

    /**
     * Like {@link #cutOnceAfter}, but the connection is kept open and its client bytes are no longer read (an upstream
     * that stopped reading), until the proxy is closed.
     */
    public TcpProxy stallOnceAfter(long bytes) {
        cutOnceAfter(bytes);
        stallInsteadOfCut = true;
        return this;
    }

    /** Whether {@link #cutOnceAfter} or {@link #stallOnceAfter} has struck. */
    public boolean didCut() {
        return cut.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket();
                target.connect(upstream, 5000);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(target);
                }
                pump(client, target, true);
                pump(target, client, false);
            } catch (IOException e) {
                // closed, or the upstream refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to, boolean clientToServer) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[1 << 16];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            out.write(buffer, 0, n);
                            (clientToServer ? sent : received).addAndGet(n);
                            long carried = clientToServer ? sinceArmed.addAndGet(n) : 0;
                            long limit = cutAfter.get();
                            if (clientToServer && limit >= 0 && carried > limit && cut.compareAndSet(false, true)) {
                                cutAfter.set(-1);
                                while (stallInsteadOfCut && !server.isClosed() && !from.isClosed()) {
                                    Thread.sleep(50);
                                }
                                break;
                            }
                        }
                    } catch (IOException e) {
                        // the other side closed
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        synchronized (sockets) {
            sockets.forEach(TcpProxy::closeQuietly);
        }
    }
}
