package dev.jackal.cluster.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentWebhooksTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/agent-webhook-configuration.yaml");

    @Test
    void serviceConfigurationMatchesTheGoldenFile() throws Exception {
        String yaml = Serialization.asYaml(AgentWebhooks.configuration(new AgentWebhooks.Service("Q0EtUEVN")));
        if (Boolean.getBoolean("agent.golden.write")) {
            Files.writeString(GOLDEN, yaml);
        }
        assertEquals(Files.readString(GOLDEN), yaml);
    }

    @Test
    void everyHookReachesAnEndpointOfTheServer() {
        List<MutatingWebhook> hooks = AgentWebhooks.configuration(new AgentWebhooks.Url("https://127.0.0.1:1", "Q0E="))
                .getWebhooks();
        assertEquals(
                List.copyOf(Mutations.byPath().keySet()),
                hooks.stream()
                        .map(h -> h.getClientConfig().getUrl().substring("https://127.0.0.1:1".length()))
                        .toList());
    }

    @Test
    void aUrlTargetMustBeHttps() {
        assertThrows(IllegalArgumentException.class, () -> new AgentWebhooks.Url("http://127.0.0.1:1", "Q0E="));
    }
}
