package dev.jackal.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.oci.CredentialProvider;
import dev.jackal.core.oci.Credentials;
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
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code jackal:package} pulls its images and its {@code import.url} skeletons with the credentials of the
 * settings.xml server named after the registry, as {@code jackal:publish} pushes: a real htpasswd registry refuses the
 * pull without it.
 */
class PackageCredentialsTest {

    @RegisterExtension
    final TestResources5 resources = new TestResources5();

    @RegisterExtension
    final TestMavenRuntime5 maven = new TestMavenRuntime5();

    private MavenProject run(File basedir, String image, Server server) throws Exception {
        MavenProject project = maven.readMavenProject(basedir);
        MavenSession session = maven.newMavenSession(project);
        session.getUserProperties().setProperty(PropertyNames.CACHE, "target/jackal-cache");
        session.getUserProperties().setProperty(PropertyNames.SET, "IMAGE=" + image);
        if (server != null) {
            session.getSettings().addServer(server);
        }
        Mojo mojo = maven.lookupConfiguredMojo(session, maven.newMojoExecution("package"));
        mojo.setLog(new PackageMojoTest.RecordingLog());
        mojo.execute();
        return project;
    }

    @Test
    void imagesArePulledWithTheServerNamedAfterTheRegistry() throws Exception {
        File basedir = resources.getBasedir("image");
        try (OciRegistry registry = OciRegistry.start(OciRegistry.Variant.AUTH)) {
            Path work = Files.createTempDirectory(basedir.toPath(), "images");
            TestImages.builder().seed(11).tag("1.0").push(Skopeo.find(), registry, "team/app", work);
            String image = registry.address() + "/team/app:1.0";

            MojoFailureException refused = assertThrows(MojoFailureException.class, () -> run(basedir, image, null));
            assertTrue(refused.getMessage().contains("requires authentication"), refused.getMessage());

            MavenProject project = run(basedir, image, serverFor(registry));
            assertEquals(
                    List.of("tar.zst:amd64"),
                    project.getAttachedArtifacts().stream()
                            .map(a -> a.getType() + ":" + a.getClassifier())
                            .toList());
        }
    }

    @Test
    void importUrlSkeletonsArePulledWithTheServerNamedAfterTheRegistry() throws Exception {
        File basedir = resources.getBasedir("image");
        try (OciRegistry registry = OciRegistry.start(OciRegistry.Variant.AUTH)) {
            Credentials login = new Credentials(
                    registry.username().orElseThrow(), registry.password().orElseThrow());
            String skeleton = OfflineMojoTest.publishSkeleton(
                    basedir.toPath().resolve("skeleton-source"),
                    registry,
                    CredentialProvider.of(Map.of(registry.address(), login)));
            Files.writeString(
                    basedir.toPath().resolve("jackal.yaml"),
                    """
                    kind: JackalPackageConfig
                    metadata:
                      name: image
                    components:
                      - name: db
                        required: true
                        import:
                          url: %s
                    """
                            .formatted(skeleton));

            MojoFailureException refused = assertThrows(MojoFailureException.class, () -> run(basedir, "unused", null));
            assertTrue(refused.getMessage().contains("requires authentication"), refused.getMessage());

            MavenProject project = run(basedir, "unused", serverFor(registry));
            assertEquals(
                    List.of("tar.zst:amd64"),
                    project.getAttachedArtifacts().stream()
                            .map(a -> a.getType() + ":" + a.getClassifier())
                            .toList());
        }
    }

    /** The settings.xml server named after {@code registry} (its host:port), with the registry's login. */
    static Server serverFor(OciRegistry registry) {
        Server server = new Server();
        server.setId(registry.address());
        server.setUsername(registry.username().orElseThrow());
        server.setPassword(registry.password().orElseThrow());
        return server;
    }
}
