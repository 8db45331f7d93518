package dev.jackal.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.oci.CredentialProvider;
import dev.jackal.core.oci.Credentials;
import dev.jackal.core.oci.RegistryOptions;
import dev.jackal.core.publish.PackagePublisher;
import dev.jackal.core.publish.PackagePuller;
import dev.jackal.core.publish.PublishRequest;
import dev.jackal.core.publish.PullRequest;
import dev.jackal.core.remote.RemoteOptions;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.registry.OciRegistry;
import dev.jackal.test.registry.RegistryExtension;
import io.takari.maven.testing.TestMavenRuntime5;
import io.takari.maven.testing.TestResources5;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;

/**
 * {@code jackal:publish} run in-process after {@code jackal:package} in the same session, against a real
 * {@code docker-registry} with htpasswd auth: credentials from settings.xml servers (by the registry's host:port, its
 * host, or {@code publishServerId}; an encrypted password decrypted through a real settings-security.xml), the
 * release guard, and the failures that must come before any network access.
 */
class PublishMojoTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** One build: a project and its session, into which goals run one after the other. */
    final class Build {
        final MavenProject project;
        final MavenSession session;
        final PackageMojoTest.RecordingLog log = new PackageMojoTest.RecordingLog();

        Build(File basedir, Map<String, String> user) throws Exception {
            project = maven.readMavenProject(basedir);
            session = maven.newMavenSession(project);
            session.getUserProperties().setProperty(PropertyNames.CACHE, "target/jackal-cache");
            session.getUserProperties().setProperty(PropertyNames.SET, "TEAM=platform");
            user.forEach(session.getUserProperties()::setProperty);
        }

        Build server(String id, String username, String password) {
            Server server = new Server();
            server.setId(id);
            server.setUsername(username);
            server.setPassword(password);
            session.getSettings().addServer(server);
            return this;
        }

        Build run(String goal) throws Exception {
            Mojo mojo = maven.lookupConfiguredMojo(session, maven.newMojoExecution(goal));
            mojo.setLog(log);
            mojo.execute();
            return this;
        }
    }

    private Build build(File basedir, String repository, Map<String, String> more) throws Exception {
        Map<String, String> user = new HashMap<>(more);
        user.put(PropertyNames.PUBLISH_REPOSITORY, repository);
        return new Build(basedir, user);
    }

    /** The architectures the index under {@code repositoryAndTag} lists, as skopeo reads it. */
    private static List<String> architectures(String repositoryAndTag) throws Exception {
        JsonNode index = JSON.readTree(Skopeo.find().inspectRaw(registry, repositoryAndTag));
        assertEquals(
                "application/vnd.oci.image.index.v1+json",
                index.path("mediaType").asText(),
                index.toString());
        List<String> archs = new ArrayList<>();
        index.path("manifests")
                .forEach(m -> archs.add(m.path("platform").path("os").asText() + "/"
                        + m.path("platform").path("architecture").asText()));
        return archs;
    }

    private static String manifestOf(String repositoryAndTag) throws Exception {
        JsonNode index = JSON.readTree(Skopeo.find().inspectRaw(registry, repositoryAndTag));
        return index.path("manifests").get(0).path("digest").asText();
    }

    @Test
    void aServerNamedAfterTheRegistryWithAnEncryptedPasswordAndTheReleaseGuard() throws Exception {
        File basedir = resources.getBasedir("publish");
        // a real settings-security.xml: the master password encrypted as Maven does, the server's with the master
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        String master = "master-of-" + registry.port();
        Path security = basedir.toPath().resolve("settings-security.xml");
        Files.writeString(
                security,
                "<settingsSecurity><master>" + cipher.encryptAndDecorate(master, "settings.security")
                        + "</master></settingsSecurity>");
        String encrypted = cipher.encryptAndDecorate(registry.password().orElseThrow(), master);
        String previous = System.setProperty("settings.security", security.toString());
        try {
            String repository = "oci://" + registry.address() + "/acme";
            Build first = build(basedir, repository, Map.of())
                    .server(registry.address(), registry.username().orElseThrow(), encrypted)
                    .run("package")
                    .run("publish");
            assertEquals(List.of("multi/amd64"), architectures("acme/publish:1.2.3"));
            assertTrue(
                    first.log.has("published as oci://" + registry.address() + "/acme/publish:1.2.3"),
                    first.log.lines.toString());
            assertFalse(first.log.lines.toString().contains(registry.password().orElseThrow()));
            String published = manifestOf("acme/publish:1.2.3");

            // a different build of the same release: refused, the tag keeps the first
            Files.writeString(basedir.toPath().resolve("hello.txt"), "hello again\n");
            Build second = build(basedir, repository, Map.of())
                    .server(registry.address(), registry.username().orElseThrow(), encrypted)
                    .run("package");
            MojoFailureException refused = assertThrows(MojoFailureException.class, () -> second.run("publish"));
            assertTrue(
                    refused.getMessage().contains("already holds a different amd64 package")
                            && refused.getMessage().contains("-D" + PropertyNames.PUBLISH_OVERWRITE),
                    refused.getMessage());
            assertEquals(published, manifestOf("acme/publish:1.2.3"));

            second.session.getUserProperties().setProperty(PropertyNames.PUBLISH_OVERWRITE, "true");
            second.run("publish");
            assertNotEquals(published, manifestOf("acme/publish:1.2.3"));
        } finally {
            if (previous == null) {
                System.clearProperty("settings.security");
            } else {
                System.setProperty("settings.security", previous);
            }
        }
    }

    @Test
    void theServerIdChoosesTheServerElseTheHostWithoutItsPort() throws Exception {
        File basedir = resources.getBasedir("publish");
        String user = registry.username().orElseThrow();
        String password = registry.password().orElseThrow();

        Build byId = build(
                        basedir,
                        "oci://" + registry.address() + "/by-id",
                        Map.of(PropertyNames.PUBLISH_SERVER_ID, "ci-registry"))
                .server(registry.address(), user, "wrong")
                .server("ci-registry", user, password);
        byId.run("package").run("publish");
        assertEquals(List.of("multi/amd64"), architectures("by-id/publish:1.2.3"));

        build(basedir, "oci://" + registry.address() + "/by-host", Map.of())
                .server("127.0.0.1", user, password)
                .run("package")
                .run("publish");
        assertEquals(List.of("multi/amd64"), architectures("by-host/publish:1.2.3"));

        // the credentials are really the server's: a wrong password is refused by the registry
        Build wrong = build(basedir, "oci://" + registry.address() + "/wrong", Map.of())
                .server("127.0.0.1", user, "not-the-password")
                .run("package");
        MojoFailureException denied = assertThrows(MojoFailureException.class, () -> wrong.run("publish"));
        assertFalse(denied.getMessage().contains("not-the-password"), denied.getMessage());
        assertTrue(
                denied.getMessage().contains("rejected the credentials of user '" + user + "'")
                        && denied.getMessage()
                                .contains("check the <username> and <password> of the <server> '127.0.0.1' in"
                                        + " settings.xml"),
                denied.getMessage());
        assertNotEquals(
                0,
                Skopeo.find()
                        .inspect(registry, "wrong/publish:1.2.3", true, true)
                        .exitCode());
    }

    @Test
    void aSkeletonAttachedNextToThePackageGoesIntoTheSameIndex() throws Exception {
        File basedir = resources.getBasedir("publish");
        String user = registry.username().orElseThrow();
        String password = registry.password().orElseThrow();
        // the archive jackal:skeleton attaches, made here by the core: a skeleton published from a directory and
        // pulled back as jackal-package-publish-skeleton-1.2.3.tar.zst
        Path work = Files.createTempDirectory(basedir.toPath(), "skeleton");
        Path dir = Files.createDirectories(work.resolve("definition"));
        Files.writeString(
                dir.resolve("jackal.yaml"),
                Files.readString(basedir.toPath().resolve("jackal.yaml"))
                        .replace("  name: publish\n", "  name: publish\n  version: 1.2.3\n"));
        Files.copy(basedir.toPath().resolve("hello.txt"), dir.resolve("hello.txt"));
        RemoteOptions options = new RemoteOptions(
                RegistryOptions.defaults(),
                CredentialProvider.of(Map.of(registry.address(), new Credentials(user, password))),
                2);
        EventHandler quiet = event -> {};
        new PackagePublisher(quiet, work)
                .publish(new PublishRequest(dir, "oci://" + registry.address() + "/skeleton-source", options));
        Path skeleton = new PackagePuller(quiet, work)
                .pull(new PullRequest(
                        "oci://" + registry.address() + "/skeleton-source/publish:1.2.3",
                        Optional.of("skeleton"),
                        work.resolve("pulled"),
                        options))
                .archive();

        Build both = build(basedir, "oci://" + registry.address() + "/both", Map.of())
                .server(registry.address(), user, password)
                .run("package");
        DefaultArtifact attached = new DefaultArtifact(
                "dev.jackal.test",
                "publish",
                "1.2.3",
                null,
                "tar.zst",
                "skeleton",
                new DefaultArtifactHandler("tar.zst"));
        attached.setFile(skeleton.toFile());
        both.project.addAttachedArtifact(attached);
        both.run("publish");

        assertEquals(
                List.of("multi/amd64", "multi/skeleton"),
                architectures("both/publish:1.2.3").stream().sorted().toList());
        assertTrue(both.log.has("jackal: skeleton published as"), both.log.lines.toString());
    }

    @Test
    void aSnapshotReplacesWhatItsTagHolds() throws Exception {
        File basedir = resources.getBasedir("publish");
        String repository = "oci://" + registry.address() + "/snapshots";
        String user = registry.username().orElseThrow();
        String password = registry.password().orElseThrow();
        Build first = build(basedir, repository, Map.of()).server(registry.address(), user, password);
        first.project.setVersion("2.0.0-SNAPSHOT");
        first.run("package").run("publish");
        String published = manifestOf("snapshots/publish:2.0.0-SNAPSHOT");

        Files.writeString(basedir.toPath().resolve("hello.txt"), "a later snapshot\n");
        Build second = build(basedir, repository, Map.of()).server(registry.address(), user, password);
        second.project.setVersion("2.0.0-SNAPSHOT");
        second.run("package").run("publish");
        assertNotEquals(published, manifestOf("snapshots/publish:2.0.0-SNAPSHOT"));
        assertEquals(List.of("multi/amd64"), architectures("snapshots/publish:2.0.0-SNAPSHOT"));
    }

    @Test
    void offlineFailsBeforeAnyNetworkAccess() throws Exception {
        // port 1 answers nothing: an attempt to connect would fail with a connection error, not this message
        Build offline = build(resources.getBasedir("publish"), "oci://127.0.0.1:1/acme", Map.of())
                .run("package");
        offline.session.getRequest().setOffline(true);
        MojoFailureException failure = assertThrows(MojoFailureException.class, () -> offline.run("publish"));
        assertEquals(
                "jackal: cannot publish to oci://127.0.0.1:1/acme offline (-o): run without -o, or skip publishing"
                        + " with -Djackal.publish.skip",
                failure.getMessage());
    }

    @Test
    void aMissingRepositoryOrServerIsNamedAndSkipSkips() throws Exception {
        File basedir = resources.getBasedir("publish");
        Build none = new Build(basedir, Map.of()).run("package");
        MojoFailureException missing = assertThrows(MojoFailureException.class, () -> none.run("publish"));
        assertTrue(
                missing.getMessage().startsWith("jackal: no OCI repository to publish to: set <publishRepository>")
                        && missing.getMessage().contains("-Djackal.publish.repository=oci://HOST/PATH"),
                missing.getMessage());

        Build unknown = build(basedir, "oci://127.0.0.1:1/acme", Map.of(PropertyNames.PUBLISH_SERVER_ID, "nope"))
                .run("package");
        MojoFailureException noServer = assertThrows(MojoFailureException.class, () -> unknown.run("publish"));
        assertTrue(
                noServer.getMessage()
                        .startsWith("jackal: settings.xml has no <server> with <id>nope</id> (named by"
                                + " -Djackal.publish.serverId=nope)"),
                noServer.getMessage());

        Build skipped = new Build(basedir, Map.of(PropertyNames.PUBLISH_SKIP, "true")).run("package");
        skipped.run("publish");
        assertTrue(skipped.log.has("jackal: publish skipped"), skipped.log.lines.toString());

        Build nothing = build(basedir, "oci://127.0.0.1:1/acme", Map.of());
        MojoFailureException noPackage = assertThrows(MojoFailureException.class, () -> nothing.run("publish"));
        assertTrue(noPackage.getMessage().contains("attached no package"), noPackage.getMessage());
    }
}
