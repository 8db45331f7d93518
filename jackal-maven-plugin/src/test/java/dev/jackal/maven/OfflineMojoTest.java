package dev.jackal.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.oci.CredentialProvider;
import dev.jackal.core.oci.RegistryOptions;
import dev.jackal.core.publish.PackagePublisher;
import dev.jackal.core.publish.PublishRequest;
import dev.jackal.core.remote.RemoteOptions;
import dev.jackal.maven.PackageMojoTest.RecordingLog;
import dev.jackal.test.http.StaticHttpServer;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.oci.TestImages;
import dev.jackal.test.registry.OciRegistry;
import io.takari.maven.testing.TestMavenRuntime5;
import io.takari.maven.testing.TestResources5;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code jackal:go-offline} then {@code mvn -o jackal:package} on real loopback services (Debian's
 * {@code docker-registry} and an HTTP server), which are stopped in between: the offline build needs nothing but
 * the cache (images, a remote file and an {@code import.url} skeleton), and a build with an empty cache fails with one
 * line naming {@code jackal:go-offline}.
 */
class OfflineMojoTest {

    @RegisterExtension
    final TestResources5 resources = new TestResources5();

    @RegisterExtension
    final TestMavenRuntime5 maven = new TestMavenRuntime5();

    record Run(MavenProject project, RecordingLog log) {
        List<String> attached() {
            return project.getAttachedArtifacts().stream()
                    .map(a -> a.getType() + ":" + a.getClassifier())
                    .toList();
        }
    }

    private Run run(File basedir, String goal, boolean offline, Map<String, String> user) throws Exception {
        MavenProject project = maven.readMavenProject(basedir);
        MavenSession session = maven.newMavenSession(project);
        session.getRequest().setOffline(offline);
        session.getSystemProperties().remove(PropertyNames.ENV_SOURCE_DATE_EPOCH);
        session.getUserProperties().setProperty(PropertyNames.CACHE, "target/jackal-cache");
        user.forEach(session.getUserProperties()::setProperty);
        MojoExecution execution = maven.newMojoExecution(goal);
        Mojo mojo = maven.lookupConfiguredMojo(session, execution);
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        return new Run(project, log);
    }

    @Test
    void goOfflineThenOfflinePackageWithTheSourcesStopped() throws Exception {
        File basedir = resources.getBasedir("offline");
        Path dir = basedir.toPath();
        Path served = Files.createDirectories(dir.resolve("served"));
        Files.writeString(served.resolve("motd.txt"), "served over HTTP\n");

        Run cached;
        String skeleton;
        try (OciRegistry registry = OciRegistry.start(OciRegistry.Variant.PLAIN);
                StaticHttpServer http = StaticHttpServer.serve(served)) {
            TestImages.builder()
                    .seed(17)
                    .tag("1.0")
                    .push(Skopeo.find(), registry, "offline/app", Files.createTempDirectory("jackal-image"));
            skeleton = publishSkeleton(dir.resolve("skeleton-source"), registry);
            Files.writeString(
                    dir.resolve("jackal.yaml"),
                    """
                    kind: JackalPackageConfig
                    metadata:
                      name: offline
                    components:
                      - name: app
                        required: true
                        files:
                          - source: hello.txt
                            target: /opt/hello.txt
                          - source: %s/motd.txt
                            target: /etc/motd
                        images:
                          - %s/offline/app:1.0
                      - name: db
                        required: true
                        import:
                          url: %s
                    """
                            .formatted(http.baseUrl(), registry.address(), skeleton));

            cached = run(basedir, "go-offline", false, Map.of());
            assertTrue(http.requests().contains("/motd.txt"), http.requests().toString());
        }
        // every package execution's architecture was prepared; nothing was attached or left behind
        assertTrue(
                cached.log().has("jackal: cached what package needs for amd64"),
                cached.log().lines.toString());
        assertTrue(
                cached.log().has("jackal: cached what package needs for arm64"),
                cached.log().lines.toString());
        assertEquals(List.of(), cached.attached());
        try (Stream<Path> target = Files.list(dir.resolve("target"))) {
            assertEquals(
                    List.of(),
                    target.map(p -> p.getFileName().toString())
                            .filter(n -> n.startsWith("jackal-go-offline-") || n.endsWith(".tar.zst"))
                            .toList());
        }

        // registry and HTTP server are gone: only the cache can serve this build
        Run offline = run(basedir, "package", true, Map.of(PropertyNames.ARCHITECTURE, "amd64"));
        assertEquals(List.of("tar.zst:amd64"), offline.attached());
        assertTrue(
                offline.log().has("WARN offline: ") && offline.log().has("/offline/app:1.0 is taken as sha256:"),
                offline.log().lines.toString());
        assertTrue(
                offline.log().has("WARN offline: skeleton " + skeleton + " is taken from the cache (pulled "),
                offline.log().lines.toString());
        assertTrue(Files.isRegularFile(dir.resolve("target/jackal-package-offline-amd64-1.0.0.tar.zst")));

        // offline, the tag counts by its cached digest: the next offline build is up to date
        Run again = run(basedir, "package", true, Map.of(PropertyNames.ARCHITECTURE, "amd64"));
        assertTrue(again.log().has("is up to date"), again.log().lines.toString());

        // without the cache: one line, in Maven's words, naming the goal that fills it
        MojoFailureException missing = assertThrows(
                MojoFailureException.class,
                () -> run(
                        basedir,
                        "package",
                        true,
                        Map.of(PropertyNames.ARCHITECTURE, "amd64", PropertyNames.CACHE, "target/empty-cache")));
        assertTrue(
                missing.getMessage().endsWith(": offline and not cached: run `mvn jackal:go-offline`"),
                missing.getMessage());
        // composition comes first: the import.url skeleton, at its line
        assertTrue(
                missing.getMessage().contains("components[1].import.url: skeleton " + skeleton + ": offline"),
                missing.getMessage());
        assertFalse(missing.getMessage().contains("\n"), missing.getMessage());

        MojoFailureException refused =
                assertThrows(MojoFailureException.class, () -> run(basedir, "go-offline", true, Map.of()));
        assertTrue(refused.getMessage().contains("without -o"), refused.getMessage());
    }

    /** Publishes a skeleton with one component, {@code db}, and returns its {@code import.url}. */
    private static String publishSkeleton(Path source, OciRegistry registry) throws Exception {
        return publishSkeleton(source, registry, CredentialProvider.anonymous());
    }

    /** As {@link #publishSkeleton(Path, OciRegistry)}, with these credentials. */
    static String publishSkeleton(Path source, OciRegistry registry, CredentialProvider credentials) throws Exception {
        Files.createDirectories(source);
        Files.writeString(source.resolve("schema.sql"), "create table t (id int);\n");
        Files.writeString(
                source.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: db
                  version: 2.0.0
                components:
                  - name: db
                    required: true
                    files:
                      - source: schema.sql
                        target: /opt/db/schema.sql
                """);
        String repository = "oci://" + registry.address() + "/skeletons";
        new PackagePublisher(event -> {}, Files.createTempDirectory("jackal-publish"))
                .publish(new PublishRequest(
                        source,
                        repository,
                        new RemoteOptions(RegistryOptions.defaults().withPlainHttp(true), credentials, 2)));
        return repository + "/db:2.0.0";
    }
}
