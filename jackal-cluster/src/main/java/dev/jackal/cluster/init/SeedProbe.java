package dev.jackal.cluster.init;

import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Asks a running injector for every seed image's manifest ({@code GET /v2/<repository>/manifests/<tag|digest>},
 * spec §7.5 step 7), as kubelet will. Plain HTTP on loopback only.
 */
final class SeedProbe {

    private static final int TIMEOUT_MS = 5000;

    private SeedProbe() {}

    /** True when something accepts connections on {@code 127.0.0.1:port} within a second. */
    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when {@code 127.0.0.1:port} accepts a connection within {@code patience}, tried every 250 ms. */
    static boolean listening(int port, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!listening(port)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Probes every image on {@code 127.0.0.1:port}, retrying for up to {@code patience}.
     *
     * @return null when every manifest answered 200, else what went wrong with the first that did not
     */
    static String probe(int port, List<String> images, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            String failure = probeOnce(port, images);
            if (failure == null || System.nanoTime() + 500_000_000L > deadline) {
                return failure;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
    }

    private static String probeOnce(int port, List<String> images) {
        for (String image : images) {
            ImageReference ref = ImageReference.parse(image);
            String path = "/v2/" + ref.repository() + "/manifests/" + ref.tagOrDigest();
            try {
                HttpURLConnection http = (HttpURLConnection)
                        URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
                http.setConnectTimeout(TIMEOUT_MS);
                http.setReadTimeout(TIMEOUT_MS);
                http.setRequestProperty("Accept", MediaTypes.ACCEPT_MANIFESTS);
                int code = http.getResponseCode();
                try (InputStream body = code < 400 ? http.getInputStream() : http.getErrorStream()) {
                    if (body != null) {
                        body.readNBytes(4 * 1024 * 1024);
                    }
                }
                if (code != 200) {
                    return "GET " + path + " answered HTTP " + code;
                }
            } catch (IOException | RuntimeException e) {
                return "GET " + path + " failed: " + e.getMessage();
            }
        }
        return null;
    }
}
