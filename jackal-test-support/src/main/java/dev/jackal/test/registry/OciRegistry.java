package dev.jackal.test.registry;

import dev.jackal.test.Exec;
import dev.jackal.test.ManagedProcess;
import dev.jackal.test.Ports;
import dev.jackal.test.ServiceDirs;
import dev.jackal.test.TestPki;
import dev.jackal.test.TestServiceException;
import dev.jackal.test.TestTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real OCI registry (Debian's {@code docker-registry}, distribution 2.8) on a free loopback port with
 * its own storage directory: plain HTTP, htpasswd (bcrypt) auth, or TLS with a generated CA plus auth.
 */
public final class OciRegistry implements AutoCloseable {

    /** How the registry is reached. */
    public enum Variant {
        /** Plain HTTP, anonymous. */
        PLAIN,
        /** Plain HTTP, htpasswd basic auth. */
        AUTH,
        /** HTTPS with a certificate from a generated CA, htpasswd basic auth. */
        TLS_AUTH
    }

    private static final String SERVICE = "registry";

    private final Variant variant;
    private final int port;
    private final Path dir;
    private final String username;
    private final String password;
    private final TestPki pki;
    private final ManagedProcess process;

    private OciRegistry(
            Variant variant,
            int port,
            Path dir,
            String username,
            String password,
            TestPki pki,
            ManagedProcess process) {
        this.variant = variant;
        this.port = port;
        this.dir = dir;
        this.username = username;
        this.password = password;
        this.pki = pki;
        this.process = process;
    }

    /** Starts a registry and waits until it answers {@code GET /v2/}. */
    public static OciRegistry start(Variant variant) {
        return start(variant, Map.of());
    }

    /**
     * As {@link #start(Variant)}, with more htpasswd users (user name to password) beside {@link #username()}, for an
     * auth variant: e.g. a read-only user next to the push user (the registry checks passwords only, not rights).
     */
    public static OciRegistry start(Variant variant, Map<String, String> moreUsers) {
        if (variant == Variant.PLAIN && !moreUsers.isEmpty()) {
            throw new IllegalArgumentException("a plain registry has no users");
        }
        Path binary = TestTools.onPath(SERVICE, "docker-registry");
        Path dir = ServiceDirs.create("registry-" + variant.name().toLowerCase(java.util.Locale.ROOT));
        int port = Ports.free();
        String username = variant == Variant.PLAIN ? null : "jackal";
        String password = variant == Variant.PLAIN ? null : randomSecret();
        TestPki pki =
                variant == Variant.TLS_AUTH ? TestPki.create(dir.resolve("pki"), "jackal-test-registry-ca") : null;
        TestPki.Issued serverCert = pki == null ? null : pki.server("registry");

        StringBuilder config = new StringBuilder()
                .append("version: 0.1\n")
                .append("log:\n  level: info\n  fields: {service: registry}\n")
                .append("storage:\n  cache: {blobdescriptor: inmemory}\n")
                .append("  filesystem: {rootdirectory: ")
                .append(dir.resolve("data"))
                .append("}\n")
                .append("  delete: {enabled: true}\n")
                .append("http:\n  addr: 127.0.0.1:")
                .append(port)
                .append("\n  secret: ")
                .append(randomSecret())
                .append("\n  headers:\n    X-Content-Type-Options: [nosniff]\n");
        if (serverCert != null) {
            config.append("  tls:\n    certificate: ")
                    .append(serverCert.certificate())
                    .append("\n    key: ")
                    .append(serverCert.key())
                    .append('\n');
        }
        if (username != null) {
            Path htpasswd = dir.resolve("htpasswd");
            Map<String, String> users = new java.util.LinkedHashMap<>();
            users.put(username, password);
            users.putAll(moreUsers);
            StringBuilder lines = new StringBuilder();
            users.forEach((user, secret) -> lines.append(Exec.run(List.of(
                                    TestTools.onPath(SERVICE, "htpasswd").toString(), "-Bbn", user, secret))
                            .requireSuccess()
                            .stdout()
                            .strip())
                    .append('\n'));
            write(htpasswd, lines.toString());
            config.append("auth:\n  htpasswd:\n    realm: jackal-registry\n    path: ")
                    .append(htpasswd)
                    .append('\n');
        }
        Path configFile = dir.resolve("config.yml");
        write(configFile, config.toString());

        ManagedProcess process = ManagedProcess.start(
                SERVICE + ":" + port,
                List.of(binary.toString(), "serve", configFile.toString()),
                Map.of(),
                dir,
                dir.resolve("registry.log"));
        OciRegistry registry = new OciRegistry(variant, port, dir, username, password, pki, process);
        HttpClient client = registry.httpClient();
        process.awaitReady(Duration.ofSeconds(30), () -> registry.answers(client));
        return registry;
    }

    private boolean answers(HttpClient client) {
        try {
            int status = client.send(
                            HttpRequest.newBuilder(URI.create(baseUrl() + "/v2/"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            return status == 200 || status == 401;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An HTTP client that trusts this registry's CA (when it has one). */
    public HttpClient httpClient() {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (pki != null) {
            builder.sslContext(pki.sslContext(null));
        }
        return builder.build();
    }

    public Variant variant() {
        return variant;
    }

    /** {@code 127.0.0.1:<port>}, as used in image references. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>} or {@code https://…}. */
    public String baseUrl() {
        return (variant == Variant.TLS_AUTH ? "https://" : "http://") + address();
    }

    public boolean tls() {
        return variant == Variant.TLS_AUTH;
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The CA certificate (PEM) that signed the registry's certificate, for TLS registries. */
    public Optional<Path> caCertificate() {
        return Optional.ofNullable(pki).map(TestPki::caCertificate);
    }

    /**
     * A containers-style certificate directory ({@code <dir>/ca.crt}) for {@code skopeo --cert-dir}, for TLS
     * registries.
     */
    public Optional<Path> certDir() {
        return caCertificate().map(ca -> {
            Path certs = dir.resolve("certs.d").resolve(address());
            try {
                Files.createDirectories(certs);
                Files.copy(ca, certs.resolve("ca.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return certs;
        });
    }

    /** The registry's storage directory. */
    public Path dataDir() {
        return dir.resolve("data");
    }

    /** The registry's process, e.g. for its PID. */
    public ProcessHandle processHandle() {
        return process.handle();
    }

    public Path log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new TestServiceException(SERVICE, "cannot write " + file, e);
        }
    }

    static String randomSecret() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
