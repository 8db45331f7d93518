package dev.jackal.deployer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.Ports;
import dev.jackal.test.ServiceDirs;
import dev.jackal.test.TestPki;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code jackal internal agent}: hidden, fails with one line on a missing mount, serves until SIGTERM. */
class InternalAgentCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void theInternalGroupIsHiddenFromHelp() {
        assertEquals(ExitCodes.OK, run("--help"));
        assertFalse(out.toString().contains("internal"), out.toString());
    }

    @Test
    void aMissingCertificateIsOneLineNamingIt() {
        Path none = Path.of("target/no-such-certs").toAbsolutePath();
        assertEquals(ExitCodes.FAILURE, run("internal", "agent", "--port", "0", "--cert-dir", none.toString()));
        assertEquals(
                "ERROR: " + none.resolve("tls.crt") + " does not exist; mount the agent's TLS secret there or name"
                        + " the directory with --cert-dir",
                err.toString().strip());
    }

    @Test
    void servesUntilSigterm() throws Exception {
        Path dir = ServiceDirs.create("agent-cli");
        TestPki pki = TestPki.create(dir.resolve("pki"), "jackal-agent-cli-ca");
        TestPki.Issued issued = pki.server("agent");
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Files.copy(issued.certificate(), certs.resolve("tls.crt"));
        Files.copy(issued.key(), certs.resolve("tls.key"));
        Path state = Files.writeString(dir.resolve("state"), "{\"registryInfo\":{\"address\":\"127.0.0.1:31999\"}}");
        int port = Ports.free();
        Process agent = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "internal",
                        "agent",
                        "--bind-address",
                        "127.0.0.1",
                        "--port",
                        String.valueOf(port),
                        "--cert-dir",
                        certs.toString(),
                        "--state-file",
                        state.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile())
                .start();
        try {
            HttpClient client =
                    HttpClient.newBuilder().sslContext(pki.sslContext(null)).build();
            HttpRequest healthz = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/healthz"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            String body = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (body == null && System.nanoTime() < deadline && agent.isAlive()) {
                try {
                    body = client.send(healthz, HttpResponse.BodyHandlers.ofString())
                            .body();
                } catch (java.io.IOException e) {
                    Thread.sleep(200);
                }
            }
            assertEquals("ok", body, Files.readString(dir.resolve("agent.log")));
            agent.destroy(); // SIGTERM
            assertTrue(agent.waitFor(20, TimeUnit.SECONDS), "the agent stops on SIGTERM");
            assertFalse(Ports.accepting(port), "the port is closed");
        } finally {
            agent.destroyForcibly();
        }
    }
}
