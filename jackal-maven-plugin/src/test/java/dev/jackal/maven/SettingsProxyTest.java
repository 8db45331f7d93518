package dev.jackal.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.http.StaticHttpServer;
import dev.jackal.test.http.Tinyproxy;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.oci.TestImages;
import dev.jackal.test.registry.OciRegistry;
import dev.jackal.test.registry.RegistryExtension;
import io.takari.maven.testing.TestMavenRuntime5;
import io.takari.maven.testing.TestResources5;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Proxy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;

/**
 * The active {@code <proxy>} of settings.xml carries {@code jackal:package}'s image pulls and remote files and
 * {@code jackal:publish}'s pushes: a real tinyproxy with Basic credentials in front of a real htpasswd registry, whose log shows the requests
 * that went through it.
 */
class SettingsProxyTest {

    @RegisterExtension
    final TestResources5 resources = new TestResources5();

    @RegisterExtension
    final TestMavenRuntime5 maven = new TestMavenRuntime5();

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.withAuth();

    static OciRegistry registry;

    @BeforeAll
    static void registry() {
        registry = REGISTRY.registry();
    }

    private MavenSession session(MavenProject project, Tinyproxy tinyproxy, String proxyPassword) throws Exception {
        MavenSession session = maven.newMavenSession(project);
        session.getUserProperties().setProperty(PropertyNames.CACHE, "target/jackal-cache");
        // plain HTTP through the proxy, so that its log shows each request (HTTPS would be one CONNECT tunnel)
        session.getUserProperties().setProperty(PropertyNames.PLAIN_HTTP, "true");
        session.getUserProperties().setProperty(PropertyNames.PUBLISH_PLAIN_HTTP, "true");
        session.getSettings().addServer(PackageCredentialsTest.serverFor(registry));
        Proxy proxy = new Proxy();
        proxy.setId("corporate");
        proxy.setHost(tinyproxy.host());
        proxy.setPort(tinyproxy.port());
        proxy.setUsername(tinyproxy.username().orElseThrow());
        proxy.setPassword(proxyPassword);
        proxy.setNonProxyHosts("*.internal.example");
        session.getSettings().addProxy(proxy);
        return session;
    }

    private static PackageMojoTest.RecordingLog run(MavenSession session, TestMavenRuntime5 maven, String goal)
            throws Exception {
        PackageMojoTest.RecordingLog log = new PackageMojoTest.RecordingLog();
        Mojo mojo = maven.lookupConfiguredMojo(session, maven.newMojoExecution(goal));
        mojo.setLog(log);
        mojo.execute();
        return log;
    }

    @Test
    void imagesArePulledThroughTheProxyWithItsEncryptedPassword() throws Exception {
        File basedir = resources.getBasedir("image");
        Path work = Files.createTempDirectory(basedir.toPath(), "images");
        TestImages.builder().seed(21).tag("1.0").push(Skopeo.find(), registry, "proxy/app", work);
        // a real settings-security.xml: the master password encrypted as Maven does, the proxy's with the master
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        String master = "proxy-master-" + registry.port();
        Path security = basedir.toPath().resolve("settings-security.xml");
        Files.writeString(
                security,
                "<settingsSecurity><master>" + cipher.encryptAndDecorate(master, "settings.security")
                        + "</master></settingsSecurity>");
        String previous = System.setProperty("settings.security", security.toString());
        try (Tinyproxy tinyproxy = Tinyproxy.withBasicAuth()) {
            String password = tinyproxy.password().orElseThrow();
            MavenProject project = maven.readMavenProject(basedir);
            MavenSession session = session(project, tinyproxy, cipher.encryptAndDecorate(password, master));
            session.getUserProperties()
                    .setProperty(PropertyNames.SET, "IMAGE=" + registry.address() + "/proxy/app:1.0");

            PackageMojoTest.RecordingLog log = run(session, maven, "package");

            assertEquals(
                    List.of("tar.zst:amd64"),
                    project.getAttachedArtifacts().stream()
                            .map(a -> a.getType() + ":" + a.getClassifier())
                            .toList());
            List<String> requests = tinyproxy.requests();
            String base = "http://" + registry.address() + "/v2/proxy/app/";
            assertTrue(
                    requests.stream().anyMatch(line -> line.startsWith("GET " + base + "blobs/")), requests.toString());
            assertEquals(
                    1,
                    log.lines.stream()
                            .filter(line -> line.equals("INFO jackal: network requests go through the proxy "
                                    + tinyproxy.address() + " (<proxy> 'corporate' of settings.xml, user 'jackal',"
                                    + " not for *.internal.example)"))
                            .count(),
                    log.lines.toString());
            assertFalse(log.lines.toString().contains(password));
        } finally {
            if (previous == null) {
                System.clearProperty("settings.security");
            } else {
                System.setProperty("settings.security", previous);
            }
        }
    }

    @Test
    void aRemoteFileIsDownloadedThroughTheProxy() throws Exception {
        File basedir = resources.getBasedir("image");
        Path served = Files.createTempDirectory(basedir.toPath(), "served");
        Files.writeString(served.resolve("app.conf"), "through: settings.xml\n");
        try (StaticHttpServer http = StaticHttpServer.serve(served);
                Tinyproxy tinyproxy = Tinyproxy.withBasicAuth()) {
            Files.writeString(
                    basedir.toPath().resolve("jackal.yaml"),
                    """
                    kind: JackalPackageConfig
                    metadata:
                      name: image
                    components:
                      - name: conf
                        required: true
                        files:
                          - source: %s/app.conf
                            target: app.conf
                    """
                            .formatted(http.baseUrl()));
            MavenProject project = maven.readMavenProject(basedir);
            MavenSession session =
                    session(project, tinyproxy, tinyproxy.password().orElseThrow());

            PackageMojoTest.RecordingLog log = run(session, maven, "package");

            assertEquals(1, project.getAttachedArtifacts().size(), log.lines.toString());
            assertEquals(List.of("GET " + http.baseUrl() + "/app.conf HTTP/1.1"), tinyproxy.requests());
            assertEquals(List.of("/app.conf"), http.requests());
        }
    }

    @Test
    void publishPushesThroughTheProxy() throws Exception {
        File basedir = resources.getBasedir("publish");
        try (Tinyproxy tinyproxy = Tinyproxy.withBasicAuth()) {
            MavenProject project = maven.readMavenProject(basedir);
            MavenSession session =
                    session(project, tinyproxy, tinyproxy.password().orElseThrow());
            session.getUserProperties().setProperty(PropertyNames.SET, "TEAM=platform");
            session.getUserProperties()
                    .setProperty(PropertyNames.PUBLISH_REPOSITORY, "oci://" + registry.address() + "/proxied");

            run(session, maven, "package");
            PackageMojoTest.RecordingLog log = run(session, maven, "publish");

            assertTrue(
                    log.has("published as oci://" + registry.address() + "/proxied/publish:1.2.3"),
                    log.lines.toString());
            List<String> requests = tinyproxy.requests();
            assertTrue(
                    requests.contains(
                            "PUT http://" + registry.address() + "/v2/proxied/publish/manifests/1.2.3 HTTP/1.1"),
                    requests.toString());
            assertTrue(log.has("INFO jackal: network requests go through the proxy " + tinyproxy.address()));
        }
    }

    @Test
    void aWrongProxyPasswordFailsNamingTheProxyButNotThePassword() throws Exception {
        File basedir = resources.getBasedir("publish");
        try (Tinyproxy tinyproxy = Tinyproxy.withBasicAuth()) {
            String wrong = "wrong-proxy-password-" + System.nanoTime();
            MavenProject project = maven.readMavenProject(basedir);
            MavenSession session = session(project, tinyproxy, wrong);
            session.getUserProperties().setProperty(PropertyNames.SET, "TEAM=platform");
            session.getUserProperties()
                    .setProperty(PropertyNames.PUBLISH_REPOSITORY, "oci://" + registry.address() + "/refused");
            run(session, maven, "package");

            MojoFailureException e = assertThrows(MojoFailureException.class, () -> run(session, maven, "publish"));

            assertTrue(
                    e.getMessage()
                            .contains("the proxy " + tinyproxy.address() + " rejected the credentials of user"
                                    + " 'jackal'"),
                    e.getMessage());
            assertTrue(
                    e.getMessage().contains("check the <username> and <password> of the <proxy> in settings.xml"),
                    e.getMessage());
            assertFalse(e.getMessage().contains(wrong), e.getMessage());
        }
    }
}
