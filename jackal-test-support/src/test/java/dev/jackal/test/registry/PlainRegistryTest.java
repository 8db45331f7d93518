package dev.jackal.test.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PlainRegistryTest extends RegistryContract {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.plain();

    @Override
    OciRegistry registry() {
        return REGISTRY.registry();
    }

    @Test
    void answersTheDistributionApiAnonymously() throws Exception {
        HttpResponse<String> response = registry()
                .httpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(registry().baseUrl() + "/v2/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals(
                "registry/2.0",
                response.headers().firstValue("Docker-Distribution-Api-Version").orElse(""));
    }
}
