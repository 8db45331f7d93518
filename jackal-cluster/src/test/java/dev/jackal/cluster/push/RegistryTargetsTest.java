package dev.jackal.cluster.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reading {@code registryInfo} from the state document (spec §7.3). */
class RegistryTargetsTest {

    @Test
    void readsAddressCredentialsAndWhetherTheRegistryIsInternal() {
        RegistryTarget target = RegistryTargets.parse(
                """
                {"distro":"kind","registryInfo":{"pushUsername":"jackal-push","pushPassword":"push-secret",
                 "pullUsername":"jackal-pull","pullPassword":"pull-secret","address":"127.0.0.1:31999",
                 "nodePort":31999,"internalRegistry":true,"secret":"s"}}
                """);
        assertEquals(
                new RegistryTarget(
                        "127.0.0.1:31999",
                        "jackal-push",
                        "push-secret",
                        "jackal-pull",
                        "pull-secret",
                        true,
                        RegistryTarget.Service.REGISTRY),
                target);
        assertFalse(target.toString().contains("push-secret"), target.toString());
    }

    @Test
    void anExternalRegistryWithoutPullUserPullsWithThePushCredentials() {
        RegistryTarget target = RegistryTargets.parse(
                """
                {"registryInfo":{"pushUsername":"ci","pushPassword":"pw","address":"registry.example:5000"}}
                """);
        assertFalse(target.internal());
        assertEquals("ci", target.pullUsername());
        assertEquals("pw", target.pullPassword());
    }

    @Test
    void aStateWithoutRegistryIsOneLineNamingTheSecret() {
        PushException e = assertThrows(PushException.class, () -> RegistryTargets.parse("{\"distro\":\"x\"}"));
        assertTrue(e.getMessage().contains("jackal/jackal-state"), e.getMessage());
        assertTrue(e.getMessage().contains("registryInfo"), e.getMessage());
        assertThrows(PushException.class, () -> RegistryTargets.parse("not json"));
    }
}
