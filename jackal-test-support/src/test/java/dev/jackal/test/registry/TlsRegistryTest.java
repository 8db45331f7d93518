package dev.jackal.test.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.Exec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TlsRegistryTest extends RegistryContract {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.withTlsAndAuth();

    @Override
    OciRegistry registry() {
        return REGISTRY.registry();
    }

    @Test
    void servesHttpsWithTheGeneratedCaAndAsksForCredentials() throws Exception {
        assertTrue(registry().baseUrl().startsWith("https://"));
        HttpResponse<String> response = registry()
                .httpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(registry().baseUrl() + "/v2/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
    }

    @Test
    void aClientWithoutTheCaIsRefused() {
        HttpClient untrusting = HttpClient.newHttpClient();
        assertThrows(
                SSLHandshakeException.class,
                () -> untrusting.send(
                        HttpRequest.newBuilder(URI.create(registry().baseUrl() + "/v2/"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding()));
    }

    @Test
    void skopeoWithoutTheCaIsRefused() {
        Exec.Result result = skopeo.inspect(
                "docker://" + registry().address() + "/jackal/hello:1.0",
                List.of("--creds=" + registry().username().orElseThrow() + ":"
                        + registry().password().orElseThrow()));
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("x509"), result.stderr());
    }
}
