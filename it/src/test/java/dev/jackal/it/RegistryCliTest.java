package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.kube.KubernetesExtension;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.oci.TestImages;
import dev.jackal.test.registry.OciRegistry;
import dev.jackal.test.registry.RegistryExtension;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tools registry catalog|ls} with the shaded jar: the cluster's registry (a loopback registry with a push and
 * a pull user, named by the state on the real control plane) with the state's credentials, a TLS registry the state
 * does not name with {@code --insecure} and the Docker config's credentials, and the one line for no state.
 */
class RegistryCliTest {

    private static final String PULL_USER = "jackal-pull";
    private static final String PULL_PASSWORD = "pull-" + System.nanoTime();

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    @RegisterExtension
    static final RegistryExtension CLUSTER_REGISTRY =
            RegistryExtension.withAuth().withUser(PULL_USER, PULL_PASSWORD);

    @RegisterExtension
    static final RegistryExtension OTHER = RegistryExtension.withTlsAndAuth();

    private static final Skopeo SKOPEO = Skopeo.find();

    @TempDir
    static Path work;

    private static KubernetesClient client;

    @BeforeAll
    static void pushImages() {
        OciRegistry registry = CLUSTER_REGISTRY.registry();
        TestImages.builder().seed(71).tag("1").push(SKOPEO, registry, "app/web", work);
        TestImages.builder().seed(72).tag("2").push(SKOPEO, registry, "app/web", work);
        TestImages.builder().seed(73).tag("1.0").push(SKOPEO, registry, "library/registry", work);
        TestImages.builder().seed(74).tag("7").push(SKOPEO, OTHER.registry(), "elsewhere/tool", work);
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(KUBE.controlPlane().kubeconfigContents()))
                .build();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    private static Jackal.Result jackalWith(String kubeconfig, String... args) throws Exception {
        Path home = Files.createDirectories(work.resolve("home"));
        return Jackal.runWith(
                home,
                Map.of(
                        "KUBECONFIG",
                        kubeconfig,
                        "DOCKER_CONFIG",
                        home.resolve(".docker").toString()),
                args);
    }

    private static Jackal.Result jackal(String... args) throws Exception {
        return jackalWith(KUBE.controlPlane().kubeconfig().toString(), args);
    }

    private static void writeState(OciRegistry registry) {
        String state =
                """
                {"registryInfo":{"pushUsername":"%s","pushPassword":"%s","pullUsername":"%s","pullPassword":"%s",
                 "address":"%s","nodePort":31999,"internalRegistry":true}}
                """
                        .formatted(
                                registry.username().orElseThrow(),
                                registry.password().orElseThrow(),
                                PULL_USER,
                                PULL_PASSWORD,
                                registry.address());
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("jackal")
                        .endMetadata()
                        .build())
                .createOr(n -> n.update());
        client.secrets()
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("jackal-state")
                        .withNamespace("jackal")
                        .endMetadata()
                        .withData(Map.of(
                                "state", Base64.getEncoder().encodeToString(state.getBytes(StandardCharsets.UTF_8))))
                        .build())
                .createOr(s -> s.update());
    }

    private static void dropState() {
        client.secrets().inNamespace("jackal").withName("jackal-state").delete();
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    private static void assertOneErrorLine(Jackal.Result result, String... fragments) {
        assertEquals(1, result.exitCode(), result.err());
        assertEquals("", result.out());
        List<String> lines = lines(result.err().strip());
        assertEquals(1, lines.size(), result.err());
        assertTrue(lines.get(0).startsWith("ERROR: "), result.err());
        for (String fragment : fragments) {
            assertTrue(lines.get(0).contains(fragment), result.err());
        }
    }

    @Test
    void listsTheClusterRegistryWithTheStatesCredentialsAndOthersWithTheUsersOwn() throws Exception {
        OciRegistry registry = CLUSTER_REGISTRY.registry();
        writeState(registry);
        try {
            Jackal.Result catalog = jackal("tools", "registry", "catalog", "--no-progress", "-l", "debug");
            assertEquals(0, catalog.exitCode(), catalog.err());
            assertEquals(List.of("app/web", "library/registry"), lines(catalog.out()), "names only on stdout");
            assertTrue(catalog.err().contains("as its pull user '" + PULL_USER + "'"), catalog.err());
            assertFalse(catalog.err().contains(PULL_PASSWORD) || catalog.out().contains(PULL_PASSWORD));

            Jackal.Result tags = jackal("tools", "registry", "ls", registry.address() + "/app/web", "--no-progress");
            assertEquals(0, tags.exitCode(), tags.err());
            assertEquals(List.of("1", "2"), lines(tags.out()).stream().sorted().toList(), tags.out());

            Jackal.Result badTag = jackal("tools", "registry", "ls", registry.address() + "/app/web:1");
            assertOneErrorLine(badTag, "without tag or digest");

            // the TLS registry is not the state's: the state's users are not sent, the Docker config's are, and its
            // certificate (from a CA the JVM does not trust) is accepted only with --insecure
            OciRegistry other = OTHER.registry();
            String auth = Base64.getEncoder()
                    .encodeToString((other.username().orElseThrow() + ":"
                                    + other.password().orElseThrow())
                            .getBytes(StandardCharsets.UTF_8));
            Path dockerConfig = Files.createDirectories(work.resolve("home/.docker"));
            Files.writeString(
                    dockerConfig.resolve("config.json"),
                    "{\"auths\":{\"" + other.address() + "\":{\"auth\":\"" + auth + "\"}}}");
            Jackal.Result untrusted = jackal("tools", "registry", "catalog", other.address(), "--no-progress");
            assertOneErrorLine(untrusted, other.address(), "certificate", "--insecure");
            assertFalse(untrusted.err().contains("--insecure-skip-tls-verify"), untrusted.err());

            Jackal.Result insecure =
                    jackal("tools", "registry", "catalog", other.address(), "--insecure", "--no-progress");
            assertEquals(0, insecure.exitCode(), insecure.err());
            assertEquals(List.of("elsewhere/tool"), lines(insecure.out()));
            Jackal.Result otherTags = jackal(
                    "tools", "registry", "ls", other.address() + "/elsewhere/tool", "--insecure", "--no-progress");
            assertEquals(0, otherTags.exitCode(), otherTags.err());
            assertEquals(List.of("7"), lines(otherTags.out()));

            // no cluster at all: a named registry is still listed
            Jackal.Result noCluster = jackalWith(
                    work.resolve("missing-kubeconfig").toString(),
                    "tools",
                    "registry",
                    "catalog",
                    other.address(),
                    "--insecure",
                    "--no-progress");
            assertEquals(0, noCluster.exitCode(), noCluster.err());
            assertEquals(List.of("elsewhere/tool"), lines(noCluster.out()));
        } finally {
            dropState();
        }
    }

    @Test
    void noStateAndNoRegistryIsOneLine() throws Exception {
        dropState();
        Jackal.Result result = jackal("tools", "registry", "catalog", "--no-progress");
        assertOneErrorLine(result, "no jackal state", "name a registry", "jackal init");
    }

    @Test
    void theParentCommandShowsItsUsage() throws Exception {
        Jackal.Result result = jackal("tools", "registry");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.out());
        assertTrue(result.err().contains("catalog") && result.err().contains("ls"), result.err());
    }
}
