package dev.jackal.test.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.Exec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthRegistryTest extends RegistryContract {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.withAuth();

    @Override
    OciRegistry registry() {
        return REGISTRY.registry();
    }

    @Test
    void refusesRequestsWithoutCredentials() throws Exception {
        HttpResponse<String> response = get(null);
        assertEquals(401, response.statusCode());
        assertEquals(
                "Basic realm=\"jackal-registry\"",
                response.headers().firstValue("Www-Authenticate").orElse(""));
    }

    @Test
    void refusesAWrongPassword() throws Exception {
        assertEquals(401, get("jackal:wrong").statusCode());
    }

    @Test
    void acceptsTheRightPassword() throws Exception {
        assertEquals(
                200,
                get(registry().username().orElseThrow() + ":"
                                + registry().password().orElseThrow())
                        .statusCode());
    }

    @Test
    void skopeoWithoutCredentialsIsUnauthorized() {
        Exec.Result result = skopeo.inspect(registry(), "jackal/anything:1.0", true, false);
        assertNotEquals(0, result.exitCode());
        assertTrue(
                result.stderr().contains("unauthorized") || result.stderr().contains("authentication required"),
                result.stderr());
    }

    private HttpResponse<String> get(String userColonPassword) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(registry().baseUrl() + "/v2/"));
        if (userColonPassword != null) {
            request.header(
                    "Authorization", "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes()));
        }
        return registry().httpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
