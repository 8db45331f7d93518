package dev.jackal.cluster.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.event.LogEvent;
import dev.jackal.test.Exec;
import dev.jackal.test.ServiceDirs;
import dev.jackal.test.TestPki;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The agent's HTTPS server on loopback, with a certificate from a throw-away CA (real openssl). */
class AgentServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 64 * 1024;
    private static final List<LogEvent> LOG = new CopyOnWriteArrayList<>();

    private static TestPki pki;
    private static TestPki.Issued issued;
    private static AgentServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(ServiceDirs.create("agent-pki"), "jackal-agent-test-ca");
        issued = pki.server("agent");
        AgentState state = AgentState.read(Path.of("src/test/resources/agent/state.json"));
        EventHandler events = event -> {
            if (event instanceof LogEvent log) {
                LOG.add(log);
            }
        };
        server = AgentServer.start(
                new AgentServer.Settings(
                        new InetSocketAddress("127.0.0.1", 0),
                        PemKeys.serverContext(issued.certificate(), issued.key()),
                        () -> state,
                        2,
                        LIMIT),
                events);
        client = HttpClient.newBuilder().sslContext(pki.sslContext(null)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + path));
    }

    @Test
    void healthzSaysOk() throws Exception {
        HttpResponse<String> response = send(at("/healthz"));
        assertEquals(200, response.statusCode());
        assertEquals("ok", response.body());
    }

    @Test
    void aPodIsAnsweredWithItsPatch() throws Exception {
        String body = Files.readString(Path.of("src/test/resources/agent/pod/create/request.json"));
        HttpResponse<String> response = send(at("/mutate/pod")
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(200, response.statusCode());
        JsonNode review = JSON.readTree(response.body());
        assertTrue(review.path("response").path("allowed").asBoolean());
        assertEquals(6, AdmissionGoldenTest.decodedPatch(review).size());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    @Test
    void onlyPostIsAccepted() throws Exception {
        HttpResponse<String> response = send(at("/mutate/pod"));
        assertEquals(405, response.statusCode());
        assertEquals("POST", response.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void onlyJsonIsAccepted() throws Exception {
        HttpResponse<String> response = send(
                at("/mutate/pod").header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(400, response.statusCode());
        assertEquals("Content-Type must be application/json", response.body());
    }

    @Test
    void aBodyOverTheLimitIsRefused() throws Exception {
        HttpResponse<String> response = send(at("/mutate/pod")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + "1,".repeat(LIMIT) + "1]")));
        assertEquals(413, response.statusCode());
    }

    @Test
    void somethingThatIsNotAReviewIsABadRequest() throws Exception {
        for (String body : List.of("not json", "{\"kind\":\"Pod\"}")) {
            HttpResponse<String> response = send(at("/mutate/flux-gitrepository")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertEquals(400, response.statusCode(), body);
            assertFalse(response.body().contains("Exception"), response.body());
        }
    }

    @Test
    void unknownPathsAreNotFound() throws Exception {
        assertEquals(404, send(at("/mutate/deployments")).statusCode());
    }

    @Test
    void aRefusalIsLoggedAsAWarning() throws Exception {
        String body = Files.readString(Path.of("src/test/resources/agent/pod/bad-image/request.json"));
        HttpResponse<String> response = send(at("/mutate/pod")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(200, response.statusCode());
        assertFalse(
                JSON.readTree(response.body()).path("response").path("allowed").asBoolean());
        assertTrue(
                LOG.stream()
                        .anyMatch(e ->
                                e.level() == LogEvent.Level.WARN && e.message().contains("container 'app'")),
                LOG.toString());
    }

    @Test
    void pkcs1RsaKeysAreRead() throws Exception {
        Path pkcs1 = issued.key().resolveSibling("agent-pkcs1.key");
        Exec.run(List.of("openssl", "rsa", "-in", issued.key().toString(), "-traditional", "-out", pkcs1.toString()))
                .requireSuccess();
        assertTrue(Files.readString(pkcs1).contains("BEGIN RSA PRIVATE KEY"));
        assertEquals(PemKeys.privateKey(issued.key()), PemKeys.privateKey(pkcs1));
    }

    @Test
    void aFileWithoutAKeyIsNamedButNotQuoted() throws Exception {
        Path notAKey = issued.key().resolveSibling("not-a-key.pem");
        Files.writeString(notAKey, "secret-material");
        AgentException e = assertThrows(AgentException.class, () -> PemKeys.privateKey(notAKey));
        assertTrue(e.getMessage().startsWith(notAKey + " holds no unencrypted PEM private key"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-material"));
    }
}
