package dev.jackal.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.takari.maven.testing.TestMavenRuntime5;
import io.takari.maven.testing.TestResources5;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code jackal:skeleton} attaches {@code tar.zst:skeleton}; {@code jackal:package} takes an {@code import.maven}
 * skeleton from the project's dependencies, and fails with the {@code <dependency>} to add when it is not one.
 */
class SkeletonMojoTest {

    @RegisterExtension
    final TestResources5 resources = new TestResources5();

    @RegisterExtension
    final TestMavenRuntime5 maven = new TestMavenRuntime5();

    private MavenProject run(File basedir, String goal, Set<Artifact> artifacts, String... user) throws Exception {
        MavenProject project = maven.readMavenProject(basedir);
        project.setArtifacts(artifacts);
        MavenSession session = maven.newMavenSession(project);
        session.getSystemProperties().remove(PropertyNames.ENV_SOURCE_DATE_EPOCH);
        session.getUserProperties().setProperty(PropertyNames.CACHE, "target/jackal-cache");
        session.getUserProperties().setProperty(PropertyNames.SET, "TEAM=platform");
        for (int i = 0; i < user.length; i += 2) {
            session.getUserProperties().setProperty(user[i], user[i + 1]);
        }
        Mojo mojo = maven.lookupConfiguredMojo(session, maven.newMojoExecution(goal));
        mojo.execute();
        return project;
    }

    private static Artifact skeleton(String groupId, String artifactId, File file) {
        DefaultArtifactHandler handler = new DefaultArtifactHandler("tar.zst");
        handler.setExtension("tar.zst");
        DefaultArtifact artifact = new DefaultArtifact(
                groupId, artifactId, "1.2.3", Artifact.SCOPE_PROVIDED, "tar.zst", "skeleton", handler);
        artifact.setFile(file);
        return artifact;
    }

    @Test
    void theSkeletonGoalAttachesTarZstSkeletonAndItsSkipPropertySkips() throws Exception {
        File basedir = resources.getBasedir("basic");
        MavenProject project = run(basedir, "skeleton", Set.of());
        List<String> attached = project.getAttachedArtifacts().stream()
                .map(a -> a.getType() + ":" + a.getClassifier())
                .toList();
        assertEquals(List.of("tar.zst:skeleton"), attached);
        Path file = project.getAttachedArtifacts().get(0).getFile().toPath();
        assertEquals(basedir.toPath().resolve("from-config/jackal-package-basic-skeleton-1.2.3.tar.zst"), file);
        assertTrue(Files.isRegularFile(file));

        MavenProject skipped = run(basedir, "skeleton", Set.of(), PropertyNames.SKELETON_SKIP, "true");
        assertEquals(List.of(), skipped.getAttachedArtifacts());
        MavenProject allSkipped = run(basedir, "skeleton", Set.of(), PropertyNames.SKIP, "true");
        assertEquals(List.of(), allSkipped.getAttachedArtifacts());
    }

    @Test
    void theOutputTimestampGivesTheSameSkeletonBytes() throws Exception {
        File basedir = resources.getBasedir("basic");
        String[] fixed = {PropertyNames.OUTPUT_TIMESTAMP, "2026-01-01T00:00:00Z", PropertyNames.OUTPUT_DIRECTORY, "one"
        };
        byte[] first = Files.readAllBytes(run(basedir, "skeleton", Set.of(), fixed)
                .getAttachedArtifacts()
                .get(0)
                .getFile()
                .toPath());
        Thread.sleep(1100); // a time taken from the clock would differ
        fixed[3] = "two";
        byte[] second = Files.readAllBytes(run(basedir, "skeleton", Set.of(), fixed)
                .getAttachedArtifacts()
                .get(0)
                .getFile()
                .toPath());
        assertTrue(java.util.Arrays.equals(first, second), "two skeleton builds differ");
        assertTrue(Files.isRegularFile(basedir.toPath().resolve("two/jackal-package-basic-skeleton-1.2.3.tar.zst")));
    }

    @Test
    void anUndeclaredImportFailsWithTheDependencyToAddAndADeclaredOneIsComposed() throws Exception {
        File consumer = resources.getBasedir("import-undeclared");
        MojoFailureException undeclared =
                assertThrows(MojoFailureException.class, () -> run(consumer, "package", Set.of()));
        String message = undeclared.getMessage();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.contains("jackal.yaml:8:"), message);
        assertTrue(
                message.contains("components[0].import.maven: dev.jackal.test:basic is not a dependency of this"
                        + " project; add <dependency><groupId>dev.jackal.test</groupId><artifactId>basic</artifactId>"
                        + "<type>tar.zst</type><classifier>skeleton</classifier><scope>provided</scope></dependency>"),
                message);

        // a dependency of another type is not the skeleton either
        File jar = Files.createTempFile("basic", ".jar").toFile();
        DefaultArtifact plainJar = new DefaultArtifact(
                "dev.jackal.test", "basic", "1.2.3", "compile", "jar", null, new DefaultArtifactHandler("jar"));
        plainJar.setFile(jar);
        MojoFailureException wrongType =
                assertThrows(MojoFailureException.class, () -> run(consumer, "package", Set.of(plainJar)));
        assertTrue(wrongType.getMessage().contains("is not a dependency of this project"), wrongType.getMessage());

        // the producer's skeleton, as Maven would have resolved it
        MavenProject producer = run(resources.getBasedir("basic"), "skeleton", Set.of());
        File skeletonFile = producer.getAttachedArtifacts().get(0).getFile();
        MavenProject project = run(consumer, "package", Set.of(skeleton("dev.jackal.test", "basic", skeletonFile)));
        assertEquals(1, project.getAttachedArtifacts().size());
        assertTrue(Files.isRegularFile(consumer.toPath()
                .resolve("target/jackal/skeletons/dev.jackal.test/basic/components/files/files/0/hello.txt")));
        assertTrue(Files.isRegularFile(
                project.getAttachedArtifacts().get(0).getFile().toPath()));
    }
}
