package dev.jackal.cluster.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.event.LogEvent;
import dev.jackal.core.oci.CredentialProvider;
import dev.jackal.core.oci.InvalidReferenceException;
import dev.jackal.core.oci.RegistryAuthException;
import dev.jackal.core.oci.RegistryOptions;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tools registry catalog|ls} against the real control plane and real registries: the state's registry (with
 * htpasswd users for push and pull) is listed with the pull user for the catalog and the push user for tags, any other
 * registry without the state's credentials, and without a cluster at all.
 */
class RegistryListingTest {

    private static final String PULL_USER = "jackal-pull";
    private static final String PULL_PASSWORD = "pull-" + System.nanoTime();

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    @RegisterExtension
    static final RegistryExtension STATE_REGISTRY = RegistryExtension.withAuth().withUser(PULL_USER, PULL_PASSWORD);

    @RegisterExtension
    static final RegistryExtension OTHER = RegistryExtension.plain();

    private static final Skopeo SKOPEO = Skopeo.find();

    @TempDir
    static Path work;

    private static KubernetesClient client;

    private final List<String> log = new ArrayList<>();
    private final EventHandler events = event -> {
        if (event instanceof LogEvent line) {
            log.add(line.message());
        }
    };

    @BeforeAll
    static void pushImagesAndConnect() {
        OciRegistry registry = STATE_REGISTRY.registry();
        TestImages.builder().seed(61).tag("1").push(SKOPEO, registry, "app/web", work);
        TestImages.builder().seed(62).tag("2").push(SKOPEO, registry, "app/web", work);
        TestImages.builder().seed(63).tag("1.0").push(SKOPEO, registry, "lib/base", work);
        TestImages.builder().seed(64).tag("9").push(SKOPEO, OTHER.registry(), "other/thing", work);
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(KUBE.controlPlane().kubeconfigContents()))
                .build();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @AfterEach
    void dropState() {
        client.secrets()
                .inNamespace(RegistryTargets.NAMESPACE)
                .withName(RegistryTargets.SECRET)
                .delete();
    }

    private static void writeState(String pushPassword, String pullPassword) {
        OciRegistry registry = STATE_REGISTRY.registry();
        String state =
                """
                {"registryInfo":{"pushUsername":"%s","pushPassword":"%s","pullUsername":"%s","pullPassword":"%s",
                 "address":"%s","nodePort":31999,"internalRegistry":true}}
                """
                        .formatted(
                                registry.username().orElseThrow(),
                                pushPassword,
                                PULL_USER,
                                pullPassword,
                                registry.address());
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(RegistryTargets.NAMESPACE)
                        .endMetadata()
                        .build())
                .createOr(n -> n.update());
        client.secrets()
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(RegistryTargets.SECRET)
                        .withNamespace(RegistryTargets.NAMESPACE)
                        .endMetadata()
                        .withData(Map.of(
                                RegistryTargets.KEY,
                                Base64.getEncoder().encodeToString(state.getBytes(StandardCharsets.UTF_8))))
                        .build())
                .createOr(s -> s.update());
    }

    private static String pushPassword() {
        return STATE_REGISTRY.registry().password().orElseThrow();
    }

    private RegistryListing listing(Supplier<KubernetesClient> cluster) {
        // anonymous beyond the state: a listing that works with the state's registry used the state's credentials
        return new RegistryListing(
                events, cluster, RegistryOptions.defaults().withRetries(0), CredentialProvider.anonymous(), a -> true);
    }

    private RegistryListing listing() {
        return listing(() -> client);
    }

    @Test
    void theCatalogOfTheStatesRegistryUsesThePullUserAndTagsThePushUser() {
        writeState(pushPassword(), PULL_PASSWORD);
        String address = STATE_REGISTRY.registry().address();

        RegistryListing.Listing catalog = listing().catalog(Optional.empty());
        RegistryListing.Listing named = listing().catalog(Optional.of(address));
        RegistryListing.Listing tags = listing().tags(address + "/app/web");

        assertEquals(new RegistryListing.Listing(address, List.of("app/web", "lib/base")), catalog);
        assertEquals(catalog, named, "naming the state's registry is the same as naming none");
        assertEquals(address, tags.registry());
        assertEquals(List.of("1", "2"), tags.names().stream().sorted().toList(), "the registry's tags, in its order");
        assertTrue(log.stream().anyMatch(l -> l.contains("as its pull user '" + PULL_USER + "'")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.contains("as its push user 'jackal'")), log.toString());
    }

    @Test
    void aWrongPullPasswordFailsTheCatalogButNotTheTags() {
        String wrong = "wrong-" + System.nanoTime();
        writeState(pushPassword(), wrong);
        String address = STATE_REGISTRY.registry().address();

        RegistryAuthException e =
                assertThrows(RegistryAuthException.class, () -> listing().catalog(Optional.empty()));
        assertTrue(e.getMessage().contains("rejected the credentials of user '" + PULL_USER + "'"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
        assertEquals(List.of("1.0"), listing().tags(address + "/lib/base").names());
    }

    @Test
    void aWrongPushPasswordFailsTheTagsButNotTheCatalog() {
        writeState("wrong-" + System.nanoTime(), PULL_PASSWORD);
        String address = STATE_REGISTRY.registry().address();

        RegistryAuthException e =
                assertThrows(RegistryAuthException.class, () -> listing().tags(address + "/lib/base"));
        assertTrue(e.getMessage().contains("rejected the credentials of user 'jackal'"), e.getMessage());
        assertEquals(
                List.of("app/web", "lib/base"),
                listing().catalog(Optional.empty()).names());
    }

    @Test
    void anotherRegistryIsListedWithoutTheStatesCredentialsAndWithoutACluster() {
        writeState(pushPassword(), PULL_PASSWORD);
        String other = OTHER.registry().address();

        assertEquals(
                List.of("other/thing"), listing().catalog(Optional.of(other)).names());
        assertEquals(List.of("9"), listing().tags(other + "/other/thing").names());

        AtomicInteger asked = new AtomicInteger();
        RegistryListing noCluster = listing(() -> {
            asked.incrementAndGet();
            throw new ClusterException("no kubeconfig at /nowhere", null);
        });
        assertEquals(
                List.of("other/thing"), noCluster.catalog(Optional.of(other)).names());
        assertEquals(List.of("9"), noCluster.tags(other + "/other/thing").names());
        assertEquals(2, asked.get(), "the cluster was asked for, and its absence did not stop the listing");

        // the state's registry without the cluster: the state's credentials are not known, so it needs its own
        RegistryAuthException e = assertThrows(
                RegistryAuthException.class,
                () -> noCluster.catalog(Optional.of(STATE_REGISTRY.registry().address())));
        assertTrue(e.getMessage().contains("requires authentication"), e.getMessage());
    }

    @Test
    void noRegistryAndNoStateIsOneLineNamingBothWaysOut() {
        ClusterException e =
                assertThrows(ClusterException.class, () -> listing().catalog(Optional.empty()));
        assertTrue(e.getMessage().contains("no jackal state"), e.getMessage());
        assertTrue(e.getMessage().contains("name a registry"), e.getMessage());
        assertTrue(e.getMessage().contains("jackal init"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());

        ClusterException unreachable = new ClusterException("cannot reach the cluster's API server", null);
        ClusterException without = assertThrows(ClusterException.class, () -> listing(() -> {
                    throw unreachable;
                })
                .catalog(Optional.empty()));
        assertEquals(unreachable, without.getCause(), "without a registry named, the cluster is needed");
        assertTrue(
                without.getMessage().startsWith(unreachable.getMessage() + "; or name a registry"),
                without.getMessage());
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyRequest() {
        for (String registry : List.of("127.0.0.1:5000/app", "myhost", "bad host", "")) {
            InvalidReferenceException e = assertThrows(
                    InvalidReferenceException.class, () -> RegistryListing.registryHost(registry), registry);
            assertTrue(e.getMessage().contains("REGISTRY is a host"), e.getMessage());
        }
        assertEquals("docker.io", RegistryListing.registryHost("index.docker.io"));
        assertEquals("ghcr.io", RegistryListing.registryHost("ghcr.io"));
        for (String repository : List.of("127.0.0.1:5000/app:1", "127.0.0.1:5000/app@sha256:" + "a".repeat(64))) {
            InvalidReferenceException e = assertThrows(
                    InvalidReferenceException.class, () -> RegistryListing.repository(repository), repository);
            assertTrue(e.getMessage().contains("without tag or digest"), e.getMessage());
        }
        assertEquals(
                "127.0.0.1:5000/app",
                RegistryListing.repository("127.0.0.1:5000/app").name());
    }
}
