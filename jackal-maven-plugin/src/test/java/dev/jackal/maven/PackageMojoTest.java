package dev.jackal.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.archive.ExtractOptions;
import dev.jackal.core.archive.SafeExtractor;
import dev.jackal.core.oci.Digest;
import io.takari.maven.testing.TestMavenRuntime5;
import io.takari.maven.testing.TestResources5;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code jackal:package} run in-process by Maven's own configurator (Takari plugin testing): which value wins
 * between {@code -D}, POM and profile {@code <properties>} and {@code <configuration>}, where relative paths go,
 * skipping, aggregators, the build time, the default version and split parts. Each builds a real (small) package.
 */
class PackageMojoTest {

    @RegisterExtension
    final TestResources5 resources = new TestResources5();

    @RegisterExtension
    final TestMavenRuntime5 maven = new TestMavenRuntime5();

    /** Records what the mojo logs, and prints it too. */
    static final class RecordingLog extends SystemStreamLog {
        final List<String> lines = new ArrayList<>();

        @Override
        public void info(CharSequence content) {
            lines.add("INFO " + content);
            super.info(content);
        }

        @Override
        public void warn(CharSequence content) {
            lines.add("WARN " + content);
            super.warn(content);
        }

        /** Recorded, not printed (as Maven without -X). */
        @Override
        public void debug(CharSequence content) {
            lines.add("DEBUG " + content);
        }

        boolean has(String fragment) {
            return lines.stream().anyMatch(line -> line.contains(fragment));
        }
    }

    record Run(MavenProject project, RecordingLog log) {
        List<String> attached() {
            return project.getAttachedArtifacts().stream()
                    .map(a -> a.getType() + ":" + a.getClassifier())
                    .toList();
        }

        Path archive() {
            return project.getAttachedArtifacts().get(0).getFile().toPath();
        }
    }

    private Run run(File basedir, Map<String, String> user, Map<String, String> pom, Xpp3Dom... execution)
            throws Exception {
        MavenProject project = maven.readMavenProject(basedir);
        pom.forEach(project.getProperties()::setProperty);
        MavenSession session = maven.newMavenSession(project);
        session.getSystemProperties().remove(PropertyNames.ENV_SOURCE_DATE_EPOCH);
        session.getUserProperties().setProperty(PropertyNames.CACHE, "target/jackal-cache");
        session.getUserProperties().setProperty(PropertyNames.SET, "TEAM=platform");
        user.forEach(session.getUserProperties()::setProperty);
        MojoExecution mojoExecution = maven.newMojoExecution("package", execution);
        Mojo mojo = maven.lookupConfiguredMojo(session, mojoExecution);
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        return new Run(project, log);
    }

    private static String definition(Path archive) throws Exception {
        Path unpacked = Files.createTempDirectory("jackal-unpacked");
        SafeExtractor.extract(archive, unpacked, ExtractOptions.defaults());
        return Files.readString(unpacked.resolve("jackal.yaml"));
    }

    private static final String ARCHIVE = "jackal-package-basic-amd64-1.2.3.tar.zst";

    @Test
    void configurationThenPomPropertyThenUserPropertyAndRelativePathsUnderBasedir() throws Exception {
        File basedir = resources.getBasedir("basic");
        Map<String, String> amd64 = Map.of(PropertyNames.ARCHITECTURE, "amd64");

        Run configured = run(basedir, amd64, Map.of());
        assertEquals(basedir.toPath().resolve("from-config").resolve(ARCHIVE), configured.archive());
        assertTrue(Files.isRegularFile(configured.archive()));

        Run pom = run(basedir, amd64, Map.of(PropertyNames.OUTPUT_DIRECTORY, "from-pom"));
        assertEquals(basedir.toPath().resolve("from-pom").resolve(ARCHIVE), pom.archive());

        Map<String, String> user =
                Map.of(PropertyNames.ARCHITECTURE, "amd64", PropertyNames.OUTPUT_DIRECTORY, "from-user");
        Run both = run(basedir, user, Map.of(PropertyNames.OUTPUT_DIRECTORY, "from-pom"));
        assertEquals(basedir.toPath().resolve("from-user").resolve(ARCHIVE), both.archive());
        assertTrue(Files.isRegularFile(both.archive()));
        // relative to the project, not to the directory Maven was started in
        assertFalse(Files.exists(Path.of("from-user")));
        // the staging area of -Djackal.cache=target/jackal-cache is the project's too
        assertTrue(Files.isDirectory(basedir.toPath().resolve("target/jackal-cache/tmp")));
    }

    @Test
    void anExecutionKeepsItsOwnArchitectureAndSaysSo() throws Exception {
        File basedir = resources.getBasedir("basic");
        Map<String, String> user = Map.of(PropertyNames.ARCHITECTURE, "arm64");

        Run own = run(basedir, user, Map.of(), TestMavenRuntime5.newParameter("architecture", "amd64"));
        assertEquals(List.of("tar.zst:amd64"), own.attached());
        assertTrue(
                own.log.has("keeps its <architecture>amd64</architecture>; -Djackal.architecture=arm64 applies to"
                        + " executions that set none"),
                own.log.lines.toString());

        Run none = run(basedir, user, Map.of());
        assertEquals(List.of("tar.zst:arm64"), none.attached());
        assertFalse(none.log.has("keeps its"), none.log.lines.toString());

        Run fromPom = run(basedir, Map.of(), Map.of(PropertyNames.ARCHITECTURE, "arm64", PropertyNames.FLAVOR, "x"));
        assertEquals(List.of("tar.zst:arm64-x"), fromPom.attached());
    }

    @Test
    void aProfilePropertySkipsAndAUserPropertyUndoesIt() throws Exception {
        File basedir = resources.getBasedir("skip-profile");
        Run skipped = run(basedir, Map.of(), Map.of());
        assertEquals(List.of(), skipped.attached());
        assertTrue(skipped.log.has("jackal: skipped"), skipped.log.lines.toString());
        assertFalse(Files.exists(basedir.toPath().resolve("target/jackal-package-skipped-amd64-1.0.tar.zst")));

        Run built = run(basedir, Map.of(PropertyNames.SKIP, "false", PropertyNames.ARCHITECTURE, "amd64"), Map.of());
        assertEquals(List.of("tar.zst:amd64"), built.attached());
        assertTrue(Files.isRegularFile(basedir.toPath().resolve("target/jackal-package-skipped-amd64-1.0.tar.zst")));
    }

    @Test
    void anAggregatorWithoutDefinitionIsSkippedALeafFails() throws Exception {
        Run aggregator = run(resources.getBasedir("aggregator"), Map.of(), Map.of());
        assertEquals(List.of(), aggregator.attached());
        assertTrue(
                aggregator.log.has("jackal: skipped, aggregator aggregates modules and has no jackal.yaml"),
                aggregator.log.lines.toString());

        MojoFailureException leaf =
                assertThrows(MojoFailureException.class, () -> run(resources.getBasedir("leaf"), Map.of(), Map.of()));
        assertTrue(leaf.getMessage().startsWith("no jackal.yaml in "), leaf.getMessage());
        assertTrue(leaf.getMessage().contains("<jackal.skip>true</jackal.skip>"), leaf.getMessage());
    }

    @Test
    void outputTimestampGivesTheSameBytesAndSourceDateEpochIsTheFallback() throws Exception {
        File basedir = resources.getBasedir("basic");
        Map<String, String> pom = Map.of(PropertyNames.OUTPUT_TIMESTAMP, "2026-01-01T00:00:00Z");
        Path first = run(
                        basedir,
                        Map.of(PropertyNames.ARCHITECTURE, "amd64", PropertyNames.OUTPUT_DIRECTORY, "one"),
                        pom)
                .archive();
        Thread.sleep(1100);
        Path second = run(
                        basedir,
                        Map.of(PropertyNames.ARCHITECTURE, "amd64", PropertyNames.OUTPUT_DIRECTORY, "two"),
                        pom)
                .archive();
        assertNotEquals(first, second);
        assertEquals(Digest.sha256(Files.readAllBytes(first)), Digest.sha256(Files.readAllBytes(second)));
        assertTrue(definition(first).contains("Thu, 01 Jan 2026 00:00:00 +0000"), definition(first));

        MavenProject project = maven.readMavenProject(basedir);
        MavenSession session = maven.newMavenSession(project);
        session.getSystemProperties().setProperty(PropertyNames.ENV_SOURCE_DATE_EPOCH, "1700000000");
        session.getUserProperties().setProperty(PropertyNames.CACHE, "target/jackal-cache");
        session.getUserProperties().setProperty(PropertyNames.SET, "TEAM=platform");
        session.getUserProperties().setProperty(PropertyNames.OUTPUT_DIRECTORY, "epoch");
        Mojo mojo = maven.lookupConfiguredMojo(session, maven.newMojoExecution("package"));
        mojo.execute();
        Path epoch = project.getAttachedArtifacts().get(0).getFile().toPath();
        assertTrue(definition(epoch).contains("Tue, 14 Nov 2023 22:13:20 +0000"), definition(epoch));

        MojoFailureException bad = assertThrows(
                MojoFailureException.class,
                () -> run(basedir, Map.of(), Map.of(PropertyNames.OUTPUT_TIMESTAMP, "yesterday")));
        assertTrue(
                bad.getMessage()
                        .startsWith("<project.build.outputTimestamp>yesterday</project.build.outputTimestamp>"
                                + " is neither"),
                bad.getMessage());
    }

    @Test
    void theVersionComesFromTheProjectAndADifferentOneWarns() throws Exception {
        File basedir = resources.getBasedir("basic");
        Run defaulted = run(basedir, Map.of(PropertyNames.ARCHITECTURE, "amd64"), Map.of());
        assertTrue(definition(defaulted.archive()).contains("version: \"1.2.3\""), definition(defaulted.archive()));
        assertFalse(defaulted.log.has("metadata.version"), defaulted.log.lines.toString());

        Path yaml = basedir.toPath().resolve("jackal.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("  name: basic\n", "  name: basic\n  version: 9.0.0\n"));
        Run differs = run(basedir, Map.of(PropertyNames.ARCHITECTURE, "amd64"), Map.of());
        assertEquals(
                "jackal-package-basic-amd64-9.0.0.tar.zst",
                differs.archive().getFileName().toString());
        assertTrue(
                differs.log.has(
                        "WARN jackal: jackal.yaml says metadata.version 9.0.0 but the project's version is" + " 1.2.3"),
                differs.log.lines.toString());
    }

    @Test
    void aSplitPackageAttachesEveryPart() throws Exception {
        File basedir = resources.getBasedir("basic");
        byte[] noise = new byte[2_500_000];
        new Random(42).nextBytes(noise); // incompressible: the archive stays above 2 MB
        Files.write(basedir.toPath().resolve("hello.txt"), noise);
        Run split = run(
                basedir, Map.of(PropertyNames.ARCHITECTURE, "amd64", PropertyNames.MAX_PACKAGE_SIZE, "1"), Map.of());
        List<String> attached = split.attached();
        assertTrue(attached.size() >= 4, attached.toString());
        for (int i = 0; i < attached.size(); i++) {
            assertEquals("tar.zst.part%03d:amd64".formatted(i), attached.get(i));
        }
        for (Artifact part : split.project().getAttachedArtifacts()) {
            assertTrue(
                    part.getFile().getName().endsWith("." + part.getType()),
                    part.getFile().getName());
            assertTrue(part.getFile().isFile(), part.getFile().toString());
        }
    }

    @Test
    void aMissingTemplateValueIsToldInMavenWords() throws Exception {
        File basedir = resources.getBasedir("basic");
        MavenProject project = maven.readMavenProject(basedir);
        MavenSession session = maven.newMavenSession(project);
        session.getUserProperties().setProperty(PropertyNames.CACHE, "target/jackal-cache");
        Mojo mojo = maven.lookupConfiguredMojo(session, maven.newMojoExecution("package"));
        MojoFailureException missing = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(missing.getMessage().contains("<set><TEAM>value</TEAM></set>"), missing.getMessage());
        assertTrue(missing.getMessage().contains("-Djackal.set=TEAM=value"), missing.getMessage());
        assertFalse(missing.getMessage().contains("--"), missing.getMessage());
    }
}
