package dev.jackal.core.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.net.HttpProxy;
import dev.jackal.core.net.ProxyMessages;
import dev.jackal.core.net.TestProxies;
import dev.jackal.test.Exec;
import dev.jackal.test.http.Tinyproxy;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.oci.TestImage;
import dev.jackal.test.oci.TestImages;
import dev.jackal.test.registry.OciRegistry;
import dev.jackal.test.registry.RegistryExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry traffic through a real HTTP proxy (tinyproxy), whose log shows which requests went through it: pulls,
 * pushes and token requests to plain-HTTP registries are forwarded, HTTPS registries are tunnelled with CONNECT.
 */
class HttpProxyRegistryTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.withAuth();

    @RegisterExtension
    static final RegistryExtension TLS_REGISTRY = RegistryExtension.withTlsAndAuth();

    @RegisterExtension
    static final RegistryExtension PLAIN_REGISTRY = RegistryExtension.plain();

    final Skopeo skopeo = Skopeo.find();

    @TempDir
    Path work;

    private static RegistryClient client(OciRegistry registry, HttpProxy proxy) {
        return RegistryClient.builder()
                .credentials(OciFixtures.credentialsFor(registry))
                .options(registry.address(), OciFixtures.optionsFor(registry).withProxy(proxy))
                .build();
    }

    private PullResult pull(RegistryClient client, String layout, ImageReference ref) {
        return new ImageCopier(client, null)
                .pull(List.of(ref), OciLayout.create(work.resolve(layout)), PullOptions.forArchitecture("amd64"));
    }

    private static long count(List<String> requests, String prefix) {
        return requests.stream().filter(line -> line.startsWith(prefix)).count();
    }

    @Test
    void pullsAndPushesThroughTheProxyWithBasicCredentials() {
        OciRegistry registry = REGISTRY.registry();
        TestImage image = TestImages.builder().seed(71).layers(2).tag("1").push(skopeo, registry, "proxied/app", work);
        try (Tinyproxy tinyproxy = Tinyproxy.withBasicAuth()) {
            RegistryClient client = client(registry, TestProxies.of(tinyproxy));
            ImageReference source = OciFixtures.ref(registry, "proxied/app:1");

            PullResult pulled = pull(client, "out", source);
            assertEquals(
                    image.digest(), pulled.images().get(0).descriptor().digest().toString());
            List<String> afterPull = tinyproxy.requests();
            String base = "http://" + registry.address() + "/v2/proxied/app/";
            assertTrue(count(afterPull, "HEAD " + base + "manifests/1 ") >= 1, afterPull.toString());
            assertEquals(1, count(afterPull, "GET " + base + "manifests/sha256:"), afterPull.toString());
            assertEquals(3, count(afterPull, "GET " + base + "blobs/sha256:"), "config and two layers: " + afterPull);

            ImageReference target = OciFixtures.ref(registry, "proxied/copy:1");
            PushResult pushed = new ImagePusher(client, OciProgressListener.NONE)
                    .push(
                            OciLayout.open(work.resolve("out")),
                            List.of(new ImagePusher.Push(source, List.of(target))),
                            1);
            assertEquals(1, pushed.images());
            List<String> afterPush = tinyproxy
                    .requests()
                    .subList(afterPull.size(), tinyproxy.requests().size());
            String copy = "http://" + registry.address() + "/v2/proxied/copy/";
            assertTrue(count(afterPush, "PUT " + copy + "manifests/1 ") >= 1, afterPush.toString());
            assertTrue(
                    count(afterPush, "POST " + copy + "blobs/uploads/") >= 1
                            || count(afterPush, "PUT " + copy + "blobs/uploads/") >= 1,
                    "the blobs were mounted or uploaded through the proxy: " + afterPush);
            assertEquals(
                    image.digest(),
                    OciFixtures.clientFor(registry).resolve(target).digest().toString(),
                    "the copy is in the registry, asked directly");
        }
    }

    @Test
    void theTokenRequestAndRedirectedBlobDownloadsGoThroughTheProxyToo() throws Exception {
        OciRegistry registry = PLAIN_REGISTRY.registry();
        TestImages.builder().seed(72).tag("1").push(skopeo, registry, "proxied/token", work);
        try (RegistryProxy tokenServer = RegistryProxy.start(registry.baseUrl());
                Tinyproxy tinyproxy = Tinyproxy.start()) {
            tokenServer.requireBearer("token-user", "token-secret");
            tokenServer.redirectBlobDownloads();
            RegistryClient client = RegistryClient.builder()
                    .credentials(CredentialProvider.of(
                            Map.of(tokenServer.address(), new Credentials("token-user", "token-secret"))))
                    .options(
                            tokenServer.address(),
                            OciFixtures.fast().withPlainHttp(true).withProxy(TestProxies.of(tinyproxy)))
                    .build();

            pull(client, "out", ImageReference.parse(tokenServer.address() + "/proxied/token:1"));

            List<String> requests = tinyproxy.requests();
            assertTrue(count(requests, "GET http://" + tokenServer.address() + "/token?") >= 1, requests.toString());
            assertEquals(1, tokenServer.tokenQueries().size());
            assertTrue(
                    count(requests, "GET http://" + registry.address() + "/v2/proxied/token/blobs/sha256:") >= 2,
                    "the redirected blob downloads went through the proxy too: " + requests);
        }
    }

    @Test
    void aProxyThatWantsCredentialsIsARegistryErrorNamingTheProxy() {
        OciRegistry registry = REGISTRY.registry();
        TestImages.builder().seed(73).tag("1").push(skopeo, registry, "proxied/refused", work);
        try (Tinyproxy tinyproxy = Tinyproxy.withBasicAuth()) {
            HttpProxy proxy = HttpProxy.of(tinyproxy.host(), tinyproxy.port());
            ImageReference ref = OciFixtures.ref(registry, "proxied/refused:1");

            RegistryException e =
                    assertThrows(RegistryException.class, () -> pull(client(registry, proxy), "out", ref));

            assertEquals(407, e.status());
            assertEquals(
                    "cannot pull " + ref + ": the proxy " + tinyproxy.address() + " asks for credentials (407 Proxy"
                            + " Authentication Required); give the proxy a user name and password",
                    e.getMessage());
            assertEquals(1, tinyproxy.requests().size(), "a refusal is not retried: " + tinyproxy.requests());
        }
    }

    @Test
    void aWrongProxyPasswordNamesTheProxyWithoutTheSecret() {
        OciRegistry registry = REGISTRY.registry();
        TestImages.builder().seed(77).tag("1").push(skopeo, registry, "proxied/wrong", work);
        try (Tinyproxy tinyproxy = Tinyproxy.withBasicAuth()) {
            String wrong = "not-the-proxy-password-" + System.nanoTime();
            HttpProxy proxy = HttpProxy.of(tinyproxy.host(), tinyproxy.port()).withCredentials("jackal", wrong);
            ImageReference ref = OciFixtures.ref(registry, "proxied/wrong:1");

            // tinyproxy answers a wrong password with 401, not 407: the message names both suspects
            OciException e = assertThrows(OciException.class, () -> pull(client(registry, proxy), "out", ref));

            assertTrue(
                    e.getMessage()
                            .contains("the proxy " + tinyproxy.address() + " rejected the credentials of user"
                                    + " 'jackal'"),
                    e.getMessage());
            assertTrue(e.getMessage().contains(ref.toString()), e.getMessage());
            assertFalse(e.getMessage().contains(wrong), "the password must not appear");
            assertFalse(proxy.toString().contains(wrong), "nor in the proxy's toString");
        }
    }

    @Test
    void aRegistryInNonProxyHostsIsReachedDirectly() {
        OciRegistry registry = REGISTRY.registry();
        TestImage image = TestImages.builder().seed(74).tag("1").push(skopeo, registry, "proxied/direct", work);
        try (Tinyproxy tinyproxy = Tinyproxy.withBasicAuth()) {
            HttpProxy proxy = TestProxies.of(tinyproxy).withNonProxyHosts("localhost|127.0.0.*");

            PullResult pulled = pull(client(registry, proxy), "out", OciFixtures.ref(registry, "proxied/direct:1"));

            assertEquals(
                    image.digest(), pulled.images().get(0).descriptor().digest().toString());
            assertEquals(List.of(), tinyproxy.requests());
        }
    }

    @Test
    void anHttpsRegistryIsTunnelledWithConnect() {
        OciRegistry registry = TLS_REGISTRY.registry();
        TestImage image = TestImages.builder().seed(75).tag("1").push(skopeo, registry, "proxied/tls", work);
        try (Tinyproxy tinyproxy = Tinyproxy.start(registry.port())) {
            PullResult pulled = pull(
                    client(registry, TestProxies.of(tinyproxy)), "out", OciFixtures.ref(registry, "proxied/tls:1"));

            assertEquals(
                    image.digest(), pulled.images().get(0).descriptor().digest().toString());
            List<String> requests = tinyproxy.requests();
            assertFalse(requests.isEmpty());
            assertTrue(
                    requests.stream().allMatch(line -> line.startsWith("CONNECT " + registry.address() + " ")),
                    "only tunnels, the requests inside are TLS: " + requests);
        }
    }

    @Test
    void basicCredentialsForConnectNeedTheJvmSwitch() {
        OciRegistry registry = TLS_REGISTRY.registry();
        TestImages.builder().seed(76).tag("1").push(skopeo, registry, "proxied/tls-auth", work);
        try (Tinyproxy tinyproxy = Tinyproxy.withBasicAuth(registry.port())) {
            HttpProxy proxy = TestProxies.of(tinyproxy);
            ImageReference ref = OciFixtures.ref(registry, "proxied/tls-auth:1");

            RegistryException e =
                    assertThrows(RegistryException.class, () -> pull(client(registry, proxy), "out", ref));

            assertEquals(407, e.status());
            assertTrue(e.getMessage().contains("-D" + ProxyMessages.TUNNELING_DISABLED_SCHEMES + "="), e.getMessage());
            assertFalse(e.getMessage().contains(tinyproxy.password().orElseThrow()));
        }
    }

    @Test
    void basicCredentialsForConnectWorkWhenTheJvmAllowsThem() {
        OciRegistry registry = TLS_REGISTRY.registry();
        TestImage image = TestImages.builder().seed(78).tag("1").push(skopeo, registry, "proxied/tls-basic", work);
        try (Tinyproxy tinyproxy = Tinyproxy.withBasicAuth(registry.port())) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Exec.Result result = Exec.run(
                    List.of(
                            java.toString(),
                            "-D" + ProxyMessages.TUNNELING_DISABLED_SCHEMES + "=",
                            "-cp",
                            System.getProperty("java.class.path"),
                            ProxiedCopyMain.class.getName(),
                            registry.address() + "/proxied/tls-basic:1",
                            work.resolve("out").toString(),
                            registry.address() + "/proxied/tls-basic-copy:1"),
                    Map.of(
                            "PROXY_HOST", tinyproxy.host(),
                            "PROXY_PORT", String.valueOf(tinyproxy.port()),
                            "PROXY_USER", tinyproxy.username().orElseThrow(),
                            "PROXY_PASSWORD", tinyproxy.password().orElseThrow(),
                            "REGISTRY_USER", registry.username().orElseThrow(),
                            "REGISTRY_PASSWORD", registry.password().orElseThrow(),
                            "REGISTRY_CA",
                                    registry.caCertificate().orElseThrow().toString()),
                    null);

            assertEquals(0, result.exitCode(), result.stderr() + result.stdout());
            assertEquals(image.digest(), result.stdout().strip());
            List<String> requests = tinyproxy.requests();
            assertTrue(
                    !requests.isEmpty()
                            && requests.stream()
                                    .allMatch(line -> line.startsWith("CONNECT " + registry.address() + " ")),
                    requests.toString());
            assertEquals(
                    image.digest(),
                    OciFixtures.clientFor(registry)
                            .resolve(OciFixtures.ref(registry, "proxied/tls-basic-copy:1"))
                            .digest()
                            .toString(),
                    "pushed through the tunnel too");
        }
    }
}
