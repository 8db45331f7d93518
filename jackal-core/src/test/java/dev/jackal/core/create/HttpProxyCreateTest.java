package dev.jackal.core.create;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import dev.jackal.core.action.ActionRunner;
import dev.jackal.core.action.Redactor;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.git.GitCredentials;
import dev.jackal.core.layout.ComponentLayout;
import dev.jackal.core.model.Component;
import dev.jackal.core.net.HttpProxy;
import dev.jackal.core.net.TestProxies;
import dev.jackal.core.net.TransferBounds;
import dev.jackal.test.Ports;
import dev.jackal.test.http.StaticHttpServer;
import dev.jackal.test.http.Tinyproxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A create's downloads (remote files, Helm repository indexes and charts) through a real HTTP proxy (tinyproxy),
 * whose log shows what went through it; a host in {@code nonProxyHosts} is reached directly.
 */
class HttpProxyCreateTest {

    @TempDir
    Path pkg;

    @TempDir
    Path build;

    @TempDir
    Path served;

    private ComponentAssembler assembler(HttpProxy proxy) {
        return new ComponentAssembler(
                EventHandler.NONE,
                pkg,
                new ActionRunner(EventHandler.NONE, pkg, Map.of(), Redactor.none(), "jackal "),
                GitCredentials.none(),
                Registries.defaults(),
                TransferBounds.defaults(),
                null,
                false,
                proxy);
    }

    private Component component(String yaml) {
        return TestComponents.first(pkg, yaml);
    }

    private Component remoteFile(StaticHttpServer http) {
        return component(
                """
                - name: c
                  files:
                    - source: %s/conf/app.conf
                      target: app.conf
                """
                        .formatted(http.baseUrl()));
    }

    @Test
    void aRemoteFileIsDownloadedThroughTheProxyWithBasicCredentials() throws Exception {
        Files.createDirectories(served.resolve("conf"));
        Files.writeString(served.resolve("conf/app.conf"), "proxied: true\n");
        try (StaticHttpServer http = StaticHttpServer.serve(served);
                Tinyproxy tinyproxy = Tinyproxy.withBasicAuth()) {
            ComponentLayout layout = assembler(TestProxies.of(tinyproxy)).assemble(remoteFile(http), build);

            assertEquals("proxied: true\n", Files.readString(layout.file(0, "app.conf")));
            assertEquals(
                    List.of("GET " + http.baseUrl() + "/conf/app.conf HTTP/1.1"),
                    tinyproxy.requests(),
                    "the download went through the proxy");
            assertEquals(List.of("/conf/app.conf"), http.requests());
        }
    }

    @Test
    void aHostInNonProxyHostsIsReachedDirectly() throws Exception {
        Files.createDirectories(served.resolve("conf"));
        Files.writeString(served.resolve("conf/app.conf"), "direct: true\n");
        try (StaticHttpServer http = StaticHttpServer.serve(served);
                Tinyproxy tinyproxy = Tinyproxy.start()) {
            HttpProxy proxy = TestProxies.of(tinyproxy).withNonProxyHosts("localhost|127.0.0.*");

            ComponentLayout layout = assembler(proxy).assemble(remoteFile(http), build);

            assertEquals("direct: true\n", Files.readString(layout.file(0, "app.conf")));
            assertEquals(List.of(), tinyproxy.requests(), "nothing went through the proxy");
            assertEquals(List.of("/conf/app.conf"), http.requests());
        }
    }

    @Test
    void aProxyThatWantsCredentialsFailsTheCreateNamingTheProxy() throws Exception {
        Files.createDirectories(served.resolve("conf"));
        Files.writeString(served.resolve("conf/app.conf"), "refused\n");
        try (StaticHttpServer http = StaticHttpServer.serve(served);
                Tinyproxy tinyproxy = Tinyproxy.withBasicAuth()) {
            HttpProxy proxy = HttpProxy.of(tinyproxy.host(), tinyproxy.port());

            CreateException e =
                    assertThrows(CreateException.class, () -> assembler(proxy).assemble(remoteFile(http), build));

            assertTrue(
                    e.getMessage()
                            .contains("cannot download " + http.baseUrl() + "/conf/app.conf: the proxy "
                                    + tinyproxy.address() + " asks for credentials (407 Proxy Authentication"
                                    + " Required); give the proxy a user name and password"),
                    e.getMessage());
            assertEquals(List.of(), http.requests(), "the proxy let nothing through");
        }
    }

    @Test
    void aTunnelTheProxyRefusesFailsTheCreateNamingTheProxy() throws Exception {
        int port = Ports.free();
        // tinyproxy tunnels CONNECT only to the ports it is given: here none that the download asks for
        try (Tinyproxy tinyproxy = Tinyproxy.start(port == 1 ? 2 : 1)) {
            HttpProxy proxy = TestProxies.of(tinyproxy);
            Component component = component(
                    """
                    - name: c
                      files:
                        - source: https://127.0.0.1:%d/app.conf
                          target: app.conf
                    """
                            .formatted(port));

            CreateException e =
                    assertThrows(CreateException.class, () -> assembler(proxy).assemble(component, build));

            assertTrue(
                    e.getMessage()
                            .contains("cannot download https://127.0.0.1:" + port + "/app.conf: the proxy "
                                    + tinyproxy.address() + " could not open a tunnel to 127.0.0.1:" + port + " ("),
                    e.getMessage());
            assertTrue(e.getMessage().contains("list the host in nonProxyHosts"), e.getMessage());
            assertEquals(List.of("CONNECT 127.0.0.1:" + port + " HTTP/1.1"), tinyproxy.requests());
        }
    }

    @Test
    void aChartFromAHelmRepositoryComesThroughTheProxy() throws Exception {
        Helm.create().withName("proxied").withDir(pkg).call();
        Path charts = Files.createDirectories(served.resolve("charts"));
        new Helm(pkg.resolve("proxied")).packageIt().withDestination(charts).call();
        Files.writeString(
                served.resolve("index.yaml"),
                """
                apiVersion: v1
                entries:
                  proxied:
                    - name: proxied
                      version: 0.1.0
                      urls:
                        - charts/proxied-0.1.0.tgz
                """);
        try (StaticHttpServer http = StaticHttpServer.serve(served);
                Tinyproxy tinyproxy = Tinyproxy.withBasicAuth()) {
            ComponentLayout layout = assembler(TestProxies.of(tinyproxy))
                    .assemble(
                            component(
                                    """
                    - name: c
                      charts:
                        - name: proxied
                          version: 0.1.0
                          namespace: demo
                          url: %s
                    """
                                            .formatted(http.baseUrl())),
                            build);

            assertArrayEquals(
                    Files.readAllBytes(charts.resolve("proxied-0.1.0.tgz")),
                    Files.readAllBytes(layout.chart("proxied", "0.1.0")));
            assertEquals(
                    List.of(
                            "GET " + http.baseUrl() + "/index.yaml HTTP/1.1",
                            "GET " + http.baseUrl() + "/charts/proxied-0.1.0.tgz HTTP/1.1"),
                    tinyproxy.requests());
        }
    }
}
