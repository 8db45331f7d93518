package dev.jackal.test.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A loopback HTTP/1.1 server that misbehaves on purpose, for tests of network bounds: it accepts and never answers,
 * stalls after some bytes of a body, trickles a body byte by byte, or drops the connection once after some bytes and
 * then serves normally. What it serves comes from an upstream server ({@link #proxying}, e.g. a real registry, whose
 * {@code Location} headers are rewritten to point here) or from a directory ({@link #serving}). {@code Range:
 * bytes=N-} requests are passed upstream or answered with 206 from the directory, unless {@link #ignoreRange} makes
 * the server answer 200 with the whole body. Every connection is closed after one response.
 *
 * <p>Misbehaviour applies to requests whose path matches {@link #onlyPaths} (all by default); the others are served
 * normally. The behaviour can be changed while the server runs.
 */
public final class MisbehavingServer implements AutoCloseable {

    /** A request as received, with the status it got (0: none was sent). */
    public record Request(String method, String path, String range, int status) {}

    private enum Mode {
        NORMAL,
        NEVER_ANSWER,
        STALL,
        TRICKLE,
        DROP_ONCE
    }

    private static final int TLS_HANDSHAKE = 0x16;

    private final ServerSocket server;
    private final Content content;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean dropped = new AtomicBoolean();
    private volatile Mode mode = Mode.NORMAL;
    private volatile long afterBytes;
    private volatile Duration trickleInterval = Duration.ofSeconds(1);
    private volatile Predicate<String> paths = path -> true;
    private volatile boolean ignoreRange;

    private MisbehavingServer(Content content) throws IOException {
        this.content = content;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "misbehaving-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Serves what {@code upstreamBaseUrl} (e.g. {@code http://127.0.0.1:5000}) serves. */
    public static MisbehavingServer proxying(String upstreamBaseUrl) {
        return start(new Content.Upstream(upstreamBaseUrl));
    }

    /** Serves the files under {@code root}. */
    public static MisbehavingServer serving(java.nio.file.Path root) {
        return start(new Content.Files(root));
    }

    private static MisbehavingServer start(Content content) {
        try {
            return new MisbehavingServer(content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a loopback HTTP server", e);
        }
    }

    /** {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://" + address();
    }

    /** Serves every request normally. */
    public MisbehavingServer normal() {
        mode = Mode.NORMAL;
        return this;
    }

    /** Accepts connections and reads requests, but never sends a byte. */
    public MisbehavingServer neverAnswer() {
        mode = Mode.NEVER_ANSWER;
        return this;
    }

    /** Sends the headers and the first {@code bytes} of the body, then nothing more (the connection stays open). */
    public MisbehavingServer stallAfter(long bytes) {
        afterBytes = bytes;
        mode = Mode.STALL;
        return this;
    }

    /** Sends the headers at once, then the body one byte per {@code interval}. */
    public MisbehavingServer trickle(Duration interval) {
        trickleInterval = interval;
        mode = Mode.TRICKLE;
        return this;
    }

    /**
     * For the first response with a body longer than {@code bytes}: sends the headers (with the full length) and
     * {@code bytes} of the body, then closes the connection. Every later request is served normally.
     */
    public MisbehavingServer dropOnceAfter(long bytes) {
        afterBytes = bytes;
        dropped.set(false);
        mode = Mode.DROP_ONCE;
        return this;
    }

    /** Misbehaves only on requests whose path matches; serves the others normally. */
    public MisbehavingServer onlyPaths(Predicate<String> filter) {
        paths = filter;
        return this;
    }

    /** Answers a {@code Range} request with 200 and the whole body, as servers without range support do. */
    public MisbehavingServer ignoreRange(boolean ignore) {
        ignoreRange = ignore;
        return this;
    }

    /** Whether a connection was dropped by {@link #dropOnceAfter}. */
    public boolean droppedOnce() {
        return dropped.get();
    }

    /** The requests received so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread handler = new Thread(() -> serve(socket), "misbehaving-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            PushbackInputStream in = new PushbackInputStream(socket.getInputStream(), 1);
            int first = in.read();
            if (first < 0) {
                return;
            }
            in.unread(first);
            if (first == TLS_HANDSHAKE) {
                tlsHello(socket);
                return;
            }
            RawRequest request = RawRequest.read(in);
            if (request == null) {
                return;
            }
            boolean misbehave = paths.test(request.path());
            Mode current = misbehave ? mode : Mode.NORMAL;
            if (current == Mode.NEVER_ANSWER) {
                requests.add(new Request(request.method(), request.path(), request.header("range"), 0));
                holdOpen();
                return;
            }
            String range = request.header("range");
            if (ignoreRange) {
                request = request.withoutRange();
            }
            try (Content.Response response = content.fetch(request, baseUrl())) {
                requests.add(new Request(request.method(), request.path(), range, response.status()));
                OutputStream out = socket.getOutputStream();
                out.write(response.head().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (request.method().equals("HEAD")) {
                    return;
                }
                body(current, response, out);
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(socket);
        }
    }

    /**
     * A TLS client hello on this plain-HTTP port: answered as Go's HTTP servers (the registry among them) answer it,
     * with a plain 400, so clients see that the server does not speak TLS. Never answered in never-answer mode when it
     * applies to every path.
     */
    private void tlsHello(Socket socket) throws IOException {
        requests.add(new Request("TLS", "", null, 0));
        if (mode == Mode.NEVER_ANSWER && paths.test("")) {
            holdOpen();
            return;
        }
        OutputStream out = socket.getOutputStream();
        out.write("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private void body(Mode current, Content.Response response, OutputStream out) throws IOException {
        InputStream in = response.body();
        switch (current) {
            case STALL -> {
                out.write(in.readNBytes((int) Math.min(afterBytes, Integer.MAX_VALUE)));
                out.flush();
                holdOpen();
            }
            case TRICKLE -> {
                int b;
                while ((b = in.read()) >= 0 && closed.getCount() > 0) {
                    out.write(b);
                    out.flush();
                    if (await(trickleInterval)) {
                        return;
                    }
                }
            }
            case DROP_ONCE -> {
                if (response.length() > afterBytes && dropped.compareAndSet(false, true)) {
                    out.write(in.readNBytes((int) Math.min(afterBytes, Integer.MAX_VALUE)));
                    out.flush();
                    return; // closing the socket drops the connection mid-body
                }
                in.transferTo(out);
            }
            default -> in.transferTo(out);
        }
        out.flush();
    }

    private void holdOpen() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits {@code duration}; true when the server closed meanwhile. */
    private boolean await(Duration duration) {
        try {
            return closed.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** A request line and headers; request bodies are read and dropped. */
    record RawRequest(String method, String target, List<String[]> headers) {

        static RawRequest read(InputStream in) throws IOException {
            String requestLine = line(in);
            if (requestLine == null || requestLine.isBlank()) {
                return null;
            }
            String[] parts = requestLine.split(" ");
            List<String[]> headers = new ArrayList<>();
            String line;
            while ((line = line(in)) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.add(new String[] {
                        line.substring(0, colon).strip(),
                        line.substring(colon + 1).strip()
                    });
                }
            }
            RawRequest request = new RawRequest(parts[0], parts.length > 1 ? parts[1] : "/", headers);
            String length = request.header("content-length");
            if (length != null) {
                in.readNBytes(Integer.parseInt(length));
            }
            return request;
        }

        String path() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        String header(String name) {
            for (String[] header : headers) {
                if (header[0].equalsIgnoreCase(name)) {
                    return header[1];
                }
            }
            return null;
        }

        RawRequest withoutRange() {
            List<String[]> kept = new ArrayList<>(headers);
            kept.removeIf(h -> h[0].equalsIgnoreCase("range"));
            return new RawRequest(method, target, kept);
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b != '\r') {
                    bytes.write(b);
                }
            }
            if (b < 0 && bytes.size() == 0) {
                return null;
            }
            return bytes.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
