package dev.jackal.cluster.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jackal.cluster.kube.ClusterException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Generated credentials, defaults, the JSON's field names, and that secrets never show in text. */
class StateFactoryTest {

    private static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");

    @Test
    void passwordsAreLongRandomAndFromTheAlphabet() {
        Set<String> seen = new HashSet<>();
        Set<Character> used = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String p = Passwords.random(Passwords.PASSWORD_LENGTH);
            assertEquals(24, p.length());
            assertTrue(p.chars().allMatch(c -> Passwords.ALPHABET.indexOf(c) >= 0), p);
            p.chars().forEach(c -> used.add((char) c));
            assertTrue(seen.add(p), "no repeats");
        }
        assertEquals(Passwords.ALPHABET.length(), used.size(), "every character of 0-9a-zA-Z!~- turns up");
        assertEquals(65, Passwords.ALPHABET.length());
        assertEquals(
                48,
                StateFactory.create(StateOptions.DEFAULTS, "kind", "amd64", NOW)
                        .registryInfo()
                        .secret()
                        .length());
    }

    @Test
    void anInternalRegistryGetsTheDefaults() {
        JackalState state = StateFactory.create(StateOptions.DEFAULTS, Distro.KIND, "amd64", NOW);
        RegistryInfo r = state.registryInfo();
        assertEquals("jackal-push", r.pushUsername());
        assertEquals("jackal-pull", r.pullUsername());
        assertEquals(31999, r.nodePort());
        assertEquals("127.0.0.1:31999", r.address());
        assertTrue(r.internalRegistry());
        assertNotEquals(r.pushPassword(), r.pullPassword());
        assertEquals("standard", state.storageClass());
        assertEquals("kind", state.distro());
        assertFalse(state.jackalAppliance());
        GitServerInfo g = state.gitServer();
        assertEquals("http://jackal-gitea-http.jackal.svc.cluster.local:3000", g.address());
        assertEquals("jackal-git-user", g.pushUsername());
        assertEquals("jackal-git-read-user", g.pullUsername());
        assertTrue(g.internalServer());
        ArtifactServerInfo a = state.artifactServer();
        assertEquals(
                "http://jackal-gitea-http.jackal.svc.cluster.local:3000/api/packages/jackal-git-user", a.address());
        assertEquals("jackal-git-user", a.pushUsername());
        assertEquals("", a.pushPassword(), "the token comes later");
        assertEquals(24, state.loggingSecret().length());
    }

    @Test
    void aGivenNodePortMovesTheAddress() {
        JackalState state = StateFactory.create(
                StateOptions.DEFAULTS.withRegistry(
                        new StateOptions.RegistryOptions(null, 30555, null, null, null, null, null)),
                Distro.UNKNOWN,
                "arm64",
                NOW);
        assertEquals("127.0.0.1:30555", state.registryInfo().address());
        assertEquals(30555, state.registryInfo().nodePort());
        assertEquals("", state.storageClass());
        assertEquals("arm64", state.architecture());
    }

    @Test
    void anExternalRegistryPullsWithThePushCredentials() {
        JackalState state = StateFactory.create(
                StateOptions.DEFAULTS
                        .withRegistry(new StateOptions.RegistryOptions(
                                "registry.example:5000", null, "ci", "push-secret", null, null, null))
                        .withGit(new StateOptions.GitOptions("https://git.example", "bot", "git-secret", null, null)),
                Distro.UNKNOWN,
                "amd64",
                NOW);
        RegistryInfo r = state.registryInfo();
        assertEquals("registry.example:5000", r.address());
        assertFalse(r.internalRegistry());
        assertEquals("ci", r.pullUsername());
        assertEquals("push-secret", r.pullPassword());
        GitServerInfo g = state.gitServer();
        assertEquals("bot", g.pullUsername());
        assertEquals("git-secret", g.pullPassword());
        assertFalse(g.internalServer());
    }

    @Test
    void applianceModeIsK3sAndAGivenStorageClassWins() {
        JackalState state =
                StateFactory.create(new StateOptions(null, "fast", true, null, null, null), Distro.KIND, "amd64", NOW);
        assertTrue(state.jackalAppliance());
        assertEquals("k3s", state.distro());
        assertEquals("fast", state.storageClass());
        assertEquals(
                "local-path",
                StateFactory.create(new StateOptions(null, null, true, null, null, null), Distro.KIND, "amd64", NOW)
                        .storageClass());
    }

    @Test
    void anExternalServerWithoutCredentialsIsRefusedNamingTheFlag() {
        StateOptionsException e = assertThrows(
                StateOptionsException.class,
                () -> new StateOptions.RegistryOptions("registry.example", null, "ci", null, null, null, null));
        assertEquals("--registry-url", e.flag());
        assertTrue(e.getMessage().contains("--registry-push-password"), e.getMessage());
        assertEquals(
                "--git-url",
                assertThrows(
                                StateOptionsException.class,
                                () -> new StateOptions.GitOptions("https://g", null, "x", null, null))
                        .flag());
        assertEquals(
                "--artifact-url",
                assertThrows(
                                StateOptionsException.class,
                                () -> new StateOptions.ArtifactOptions("https://a", "u", null))
                        .flag());
    }

    @Test
    void theJsonHasTheSpecsFieldNamesAndReadsBack() throws Exception {
        JackalState state = StateFactory.create(StateOptions.DEFAULTS, Distro.KIND, "amd64", NOW);
        String json = StateSecret.toJson(state);
        JsonNode tree = JsonMapper.builder().build().readTree(json);
        assertEquals(
                List.of(
                        "jackalAppliance",
                        "distro",
                        "architecture",
                        "storageClass",
                        "agentTLS",
                        "gitServer",
                        "registryInfo",
                        "artifactServer",
                        "loggingSecret"),
                fieldNames(tree));
        assertEquals(List.of("ca", "cert", "key"), fieldNames(tree.get("agentTLS")));
        assertEquals(
                List.of(
                        "pushUsername",
                        "pushPassword",
                        "pullUsername",
                        "pullPassword",
                        "address",
                        "nodePort",
                        "internalRegistry",
                        "secret"),
                fieldNames(tree.get("registryInfo")));
        assertEquals(
                List.of("pushUsername", "pushPassword", "pullUsername", "pullPassword", "address", "internalServer"),
                fieldNames(tree.get("gitServer")));
        assertEquals(
                List.of("pushUsername", "pushPassword", "address", "internalServer"),
                fieldNames(tree.get("artifactServer")));
        assertTrue(
                new String(tree.get("agentTLS").get("ca").binaryValue()).startsWith("-----BEGIN CERTIFICATE-----"),
                "PEM bytes as base64, as Go writes []byte");
        assertEquals(state, StateSecret.fromJson(json));
        assertEquals(state, StateSecret.read(StateSecret.secret(state)));
    }

    @Test
    void toStringSanitizesEverySecret() {
        JackalState state = StateFactory.create(StateOptions.DEFAULTS, Distro.KIND, "amd64", NOW);
        String text = state.toString();
        secrets(state).forEach(s -> assertFalse(text.contains(s), "a secret shows in toString"));
        assertTrue(text.contains("**sanitized**"));
        assertTrue(text.contains("jackal-push") && text.contains("127.0.0.1:31999"), text);
        StateOptions.RegistryOptions options = new StateOptions.RegistryOptions(
                "r.example", null, "u", "hunter2-push", "p", "hunter2-pull", "hunter2-s");
        assertFalse(options.toString().contains("hunter2"), options.toString());
        assertFalse(new StateOptions.GitOptions("g", "u", "hunter2", null, "hunter2")
                .toString()
                .contains("hunter2"));
        assertFalse(
                new StateOptions.ArtifactOptions("a", "u", "hunter2").toString().contains("hunter2"));
    }

    @Test
    void aStateThatDoesNotReadNamesTheFieldButNotTheValue() {
        String json = "{\"registryInfo\":{\"pushPassword\":\"s3cr3t-value\",\"nodePort\":\"not-a-port-s3cr3t\"}}";
        ClusterException e = assertThrows(ClusterException.class, () -> StateSecret.fromJson(json));
        assertTrue(e.getMessage().contains("registryInfo.nodePort"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        assertEquals(null, e.getCause(), "no cause that could quote the value");
        ClusterException broken =
                assertThrows(ClusterException.class, () -> StateSecret.fromJson("{\"loggingSecret\":\"s3cr3t"));
        assertFalse(broken.getMessage().contains("s3cr3t"), broken.getMessage());
    }

    static Stream<String> secrets(JackalState s) {
        return Stream.of(
                s.registryInfo().pushPassword(),
                s.registryInfo().pullPassword(),
                s.registryInfo().secret(),
                s.gitServer().pushPassword(),
                s.gitServer().pullPassword(),
                s.loggingSecret(),
                new String(s.agentTls().key()).lines().skip(1).findFirst().orElseThrow());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
