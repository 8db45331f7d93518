package dev.jackal.test.http;

import dev.jackal.test.ManagedProcess;
import dev.jackal.test.Ports;
import dev.jackal.test.ServiceDirs;
import dev.jackal.test.TestServiceException;
import dev.jackal.test.TestTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP proxy (Debian's {@code tinyproxy}) on a free loopback port with its own configuration and log: it
 * forwards plain-HTTP requests and tunnels {@code CONNECT} to the given ports, optionally behind Basic credentials,
 * and logs every request line, which {@link #requests()} reads to show what went through it.
 */
public final class Tinyproxy implements AutoCloseable {

    private static final String SERVICE = "tinyproxy";
    private static final Pattern REQUEST = Pattern.compile("Request \\(file descriptor \\d+\\): (.+)$");

    private final int port;
    private final String username;
    private final String password;
    private final Path log;
    private final ManagedProcess process;

    private Tinyproxy(int port, String username, String password, Path log, ManagedProcess process) {
        this.port = port;
        this.username = username;
        this.password = password;
        this.log = log;
        this.process = process;
    }

    /** A proxy without credentials that tunnels {@code CONNECT} to {@code connectPorts}. */
    public static Tinyproxy start(int... connectPorts) {
        return start(null, connectPorts);
    }

    /** A proxy that demands Basic credentials (user {@code jackal}, a random password) from every request. */
    public static Tinyproxy withBasicAuth(int... connectPorts) {
        return start(randomSecret(), connectPorts);
    }

    private static Tinyproxy start(String password, int... connectPorts) {
        Path binary = TestTools.onPath(SERVICE, "tinyproxy");
        Path dir = ServiceDirs.create(SERVICE);
        int port = Ports.free();
        String username = password == null ? null : "jackal";
        Path log = dir.resolve("tinyproxy.log");
        StringBuilder config = new StringBuilder()
                .append("Port ")
                .append(port)
                .append("\nListen 127.0.0.1\nTimeout 60\nMaxClients 64\n")
                .append("LogFile \"")
                .append(log)
                .append("\"\nLogLevel Info\nAllow 127.0.0.1\nDisableViaHeader Yes\n");
        for (int connectPort : connectPorts) {
            config.append("ConnectPort ").append(connectPort).append('\n');
        }
        if (username != null) {
            config.append("BasicAuth ")
                    .append(username)
                    .append(' ')
                    .append(password)
                    .append('\n');
        }
        Path configFile = dir.resolve("tinyproxy.conf");
        try {
            Files.writeString(configFile, config.toString());
        } catch (IOException e) {
            throw new TestServiceException(SERVICE, "cannot write " + configFile, e);
        }
        ManagedProcess process = ManagedProcess.start(
                SERVICE + ":" + port,
                List.of(binary.toString(), "-d", "-c", configFile.toString()),
                Map.of(),
                dir,
                dir.resolve("tinyproxy.out"));
        process.awaitReady(Duration.ofSeconds(20), () -> Ports.accepting(port));
        return new Tinyproxy(port, username, password, log, process);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:<port>}. */
    public String address() {
        return host() + ":" + port;
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /**
     * The request lines the proxy received so far, oldest first: {@code GET http://127.0.0.1:5000/v2/ HTTP/1.1} for
     * a forwarded request, {@code CONNECT 127.0.0.1:5000 HTTP/1.1} for a tunnel (whose requests it cannot see).
     */
    public List<String> requests() {
        List<String> lines = new ArrayList<>();
        if (!Files.exists(log)) {
            return lines;
        }
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                Matcher matcher = REQUEST.matcher(line);
                if (matcher.find()) {
                    lines.add(matcher.group(1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
        return lines;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        process.close();
    }

    private static String randomSecret() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
