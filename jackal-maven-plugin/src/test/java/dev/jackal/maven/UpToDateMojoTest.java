package dev.jackal.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackal.maven.PackageMojoTest.RecordingLog;
import io.takari.maven.testing.TestMavenRuntime5;
import io.takari.maven.testing.TestResources5;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The up-to-date check of {@code jackal:package}: a second build with nothing changed writes nothing (same file,
 * same inode and modification time), logs "up to date" and attaches the same files, split parts too;
 * {@code -Djackal.force} and a changed input file build again.
 */
class UpToDateMojoTest {

    @RegisterExtension
    final TestResources5 resources = new TestResources5();

    @RegisterExtension
    final TestMavenRuntime5 maven = new TestMavenRuntime5();

    record Run(MavenProject project, RecordingLog log) {
        List<Path> files() {
            return project.getAttachedArtifacts().stream()
                    .map(Artifact::getFile)
                    .map(File::toPath)
                    .toList();
        }
    }

    private Run run(File basedir, Map<String, String> user) throws Exception {
        MavenProject project = maven.readMavenProject(basedir);
        MavenSession session = maven.newMavenSession(project);
        session.getSystemProperties().remove(PropertyNames.ENV_SOURCE_DATE_EPOCH);
        session.getUserProperties().setProperty(PropertyNames.CACHE, "target/jackal-cache");
        session.getUserProperties().setProperty(PropertyNames.SET, "TEAM=platform");
        session.getUserProperties().setProperty(PropertyNames.ARCHITECTURE, "amd64");
        user.forEach(session.getUserProperties()::setProperty);
        Mojo mojo = maven.lookupConfiguredMojo(session, maven.newMojoExecution("package"));
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        return new Run(project, log);
    }

    /** Inode and modification time: a rewritten file changes at least one of them. */
    private static String identity(Path file) throws Exception {
        return Files.getAttribute(file, "unix:ino") + "/"
                + Files.getLastModifiedTime(file).toMillis();
    }

    @Test
    void anUnchangedPackageIsNotBuiltAgainForceAndAChangedFileBuildIt() throws Exception {
        File basedir = resources.getBasedir("basic");
        Run first = run(basedir, Map.of());
        Path archive = first.files().get(0);
        assertFalse(first.log().has("up to date"), first.log().lines.toString());
        String built = identity(archive);

        Path record = archive.resolveSibling("jackal-package-amd64.json");
        JsonNode json = new ObjectMapper().readTree(record.toFile());
        assertEquals(archive.getFileName().toString(), json.path("file").asText());
        assertEquals(
                dev.jackal.core.fetch.Downloader.sha256(archive),
                json.path("sha256").asText());
        assertEquals("amd64", json.path("architecture").asText());
        assertEquals("", json.path("flavor").asText());
        assertTrue(json.path("aggregateChecksum").asText().matches("[0-9a-f]{64}"), json.toString());
        assertTrue(json.path("fingerprint").asText().matches("[0-9a-f]{64}"), json.toString());

        Thread.sleep(20);
        Run second = run(basedir, Map.of());
        assertTrue(
                second.log().has("jackal: " + archive.getFileName() + " is up to date (-Djackal.force rebuilds it)"),
                second.log().lines.toString());
        assertEquals(List.of(archive), second.files());
        assertEquals(built, identity(archive), "the second run rewrote the package");

        Run forced = run(basedir, Map.of(PropertyNames.FORCE, "true"));
        assertTrue(
                forced.log().has("jackal: building (-Djackal.force)"),
                forced.log().lines.toString());
        assertNotEquals(built, identity(archive));
        String rebuilt = identity(archive);

        // a different value for the definition's template is a different package
        Run otherSet = run(basedir, Map.of(PropertyNames.SET, "TEAM=other"));
        assertFalse(otherSet.log().has("up to date"), otherSet.log().lines.toString());
        assertNotEquals(rebuilt, identity(archive));

        Run back = run(basedir, Map.of());
        assertFalse(back.log().has("up to date"), back.log().lines.toString());
        Files.writeString(basedir.toPath().resolve("hello.txt"), "hello, changed\n");
        String beforeChange = identity(archive);
        Thread.sleep(20);
        Run changed = run(basedir, Map.of());
        assertFalse(changed.log().has("up to date"), changed.log().lines.toString());
        assertNotEquals(beforeChange, identity(archive));
        Run settled = run(basedir, Map.of());
        assertTrue(settled.log().has("is up to date"), settled.log().lines.toString());
    }

    /** Moves every modification time under {@code dir} back by {@code seconds}, out of the stamps' racy window. */
    private static void age(Path dir, long seconds) throws Exception {
        FileTime old = FileTime.from(Instant.now().minusSeconds(seconds));
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setLastModifiedTime(p, old);
            }
        }
    }

    @Test
    void untouchedInputsAreCheckedByTheirStampsATouchedOneByItsContent() throws Exception {
        File basedir = resources.getBasedir("basic");
        Path dir = basedir.toPath();
        age(dir, 120);
        Run first = run(basedir, Map.of());
        Path archive = first.files().get(0);
        String built = identity(archive);
        JsonNode stamps = new ObjectMapper()
                .readTree(archive.resolveSibling("jackal-package-amd64.json").toFile())
                .path("stamps");
        assertTrue(
                stamps.path("files")
                        .has(dir.resolve("jackal.yaml")
                                .toAbsolutePath()
                                .normalize()
                                .toString()),
                stamps.toString());
        assertTrue(
                stamps.path("files")
                        .has(dir.resolve("hello.txt")
                                .toAbsolutePath()
                                .normalize()
                                .toString()),
                stamps.toString());

        Run second = run(basedir, Map.of());
        assertTrue(second.log().has("is up to date"), second.log().lines.toString());
        assertTrue(
                second.log().has("DEBUG jackal: no input changed since"),
                second.log().lines.toString());
        assertEquals(List.of(archive), second.files());

        // touched, same content: the fingerprint finds it up to date and renews the stamps for the next run
        Files.setLastModifiedTime(
                dir.resolve("hello.txt"), FileTime.from(Instant.now().minusSeconds(60)));
        Run touched = run(basedir, Map.of());
        assertTrue(touched.log().has("is up to date"), touched.log().lines.toString());
        assertFalse(
                touched.log().has("DEBUG jackal: no input changed"),
                touched.log().lines.toString());
        assertTrue(touched.log().has("stamps are renewed"), touched.log().lines.toString());
        Run renewed = run(basedir, Map.of());
        assertTrue(
                renewed.log().has("DEBUG jackal: no input changed since"),
                renewed.log().lines.toString());

        // another setting, or an edited definition, is never taken from the stamps
        Run otherSet = run(basedir, Map.of(PropertyNames.SET, "TEAM=other"));
        assertFalse(otherSet.log().has("up to date"), otherSet.log().lines.toString());
        Run back = run(basedir, Map.of());
        assertFalse(back.log().has("up to date"), back.log().lines.toString());
        String rebuilt = identity(archive);
        Files.writeString(
                dir.resolve("jackal.yaml"),
                Files.readString(dir.resolve("jackal.yaml")).replace("made by", "built by"));
        Files.setLastModifiedTime(
                dir.resolve("jackal.yaml"), FileTime.from(Instant.now().minusSeconds(30)));
        Run edited = run(basedir, Map.of());
        assertFalse(edited.log().has("up to date"), edited.log().lines.toString());
        assertNotEquals(rebuilt, identity(archive));
        assertNotEquals(built, identity(archive));
    }

    @Test
    void anUnchangedSplitPackageReattachesEveryPart() throws Exception {
        File basedir = resources.getBasedir("basic");
        byte[] noise = new byte[2_500_000];
        new Random(7).nextBytes(noise);
        Files.write(basedir.toPath().resolve("hello.txt"), noise);
        Map<String, String> split = Map.of(PropertyNames.MAX_PACKAGE_SIZE, "1");
        Run first = run(basedir, split);
        List<Path> parts = first.files();
        assertTrue(parts.size() >= 3, parts.toString());
        List<String> identities = new java.util.ArrayList<>();
        for (Path part : parts) {
            identities.add(identity(part));
        }

        Run second = run(basedir, split);
        assertTrue(second.log().has("is up to date"), second.log().lines.toString());
        assertEquals(parts, second.files());
        List<String> types = second.project().getAttachedArtifacts().stream()
                .map(a -> a.getType() + ":" + a.getClassifier())
                .toList();
        for (int i = 0; i < types.size(); i++) {
            assertEquals("tar.zst.part%03d:amd64".formatted(i), types.get(i));
        }
        for (int i = 0; i < parts.size(); i++) {
            assertEquals(identities.get(i), identity(parts.get(i)));
        }

        // a part that is gone makes the package out of date
        Files.delete(parts.get(parts.size() - 1));
        Run repaired = run(basedir, split);
        assertFalse(repaired.log().has("up to date"), repaired.log().lines.toString());
        assertTrue(Files.isRegularFile(parts.get(parts.size() - 1)));
    }
}
