package dev.jackal.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.create.ImageArchive;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.maven.model.Build;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JibImages}: which tar and digest file each {@code <jibImage>} names, and the one-line refusals. */
class JibImagesTest {

    @TempDir
    Path root;

    MavenProject pkg;
    MavenProject app;

    @BeforeEach
    void reactor() throws Exception {
        pkg = project("package", "pom");
        app = project("app", "jar");
        Files.createDirectories(root.resolve("app/target"));
        Files.writeString(root.resolve("app/target/jib-image.tar"), "tar");
    }

    private MavenProject project(String artifactId, String packaging) throws Exception {
        Model model = new Model();
        model.setGroupId("com.example");
        model.setArtifactId(artifactId);
        model.setVersion("1.0.0");
        model.setPackaging(packaging);
        Build build = new Build();
        build.setDirectory(root.resolve(artifactId).resolve("target").toString());
        model.setBuild(build);
        Path dir = Files.createDirectories(root.resolve(artifactId));
        MavenProject project = new MavenProject(model);
        project.setFile(dir.resolve("pom.xml").toFile());
        return project;
    }

    private void dependOnApp() {
        Dependency dependency = new Dependency();
        dependency.setGroupId("com.example");
        dependency.setArtifactId("app");
        dependency.setVersion("1.0.0");
        pkg.getModel().addDependency(dependency);
    }

    private List<ImageArchive> resolve(Properties user, JibImage... images) {
        RawConfiguration raw = new RawConfiguration(user, new Properties(), new Properties(), root.resolve("package"));
        return new JibImages(raw, pkg, List.of(pkg, app)).resolve(List.of(images));
    }

    private static JibImage artifact(String coordinates) {
        JibImage image = new JibImage();
        image.artifact = coordinates;
        return image;
    }

    @Test
    void aModuleThisOneDependsOnGivesJibsDefaultTarAndDigest() {
        dependOnApp();
        assertEquals(
                List.of(new ImageArchive(
                        root.resolve("app/target/jib-image.tar"), root.resolve("app/target/jib-image.digest"))),
                resolve(new Properties(), artifact("com.example:app")));
    }

    @Test
    void theModulesOutputPathsAreFollowed() throws Exception {
        dependOnApp();
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Xpp3Dom outputPaths = new Xpp3Dom("outputPaths");
        Xpp3Dom tar = new Xpp3Dom("tar");
        tar.setValue("build/app.tar");
        Xpp3Dom digest = new Xpp3Dom("digest");
        digest.setValue("build/app.digest");
        outputPaths.addChild(tar);
        outputPaths.addChild(digest);
        configuration.addChild(outputPaths);
        PluginExecution execution = new PluginExecution();
        execution.setConfiguration(configuration);
        Plugin jib = new Plugin();
        jib.setGroupId(JibImages.JIB_GROUP);
        jib.setArtifactId(JibImages.JIB_PLUGIN);
        jib.addExecution(execution);
        app.getModel().getBuild().addPlugin(jib);
        Files.createDirectories(root.resolve("app/build"));
        Files.writeString(root.resolve("app/build/app.tar"), "tar");

        assertEquals(
                List.of(new ImageArchive(root.resolve("app/build/app.tar"), root.resolve("app/build/app.digest"))),
                resolve(new Properties(), artifact("com.example:app")));
    }

    @Test
    void aModuleThisOneDoesNotDependOnIsRefusedWithTheDependencyToAdd() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> resolve(new Properties(), artifact("com.example:app")));
        assertEquals(
                "<jibImages><jibImage><artifact>com.example:app</artifact>: package does not depend on com.example:app,"
                        + " so Maven may package it before the image is built: add <dependency><groupId>com.example"
                        + "</groupId><artifactId>app</artifactId><version>1.0.0</version></dependency>",
                e.getMessage());
    }

    @Test
    void anArtifactOutsideTheReactorIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> resolve(new Properties(), artifact("com.example:other")));
        assertTrue(e.getMessage().contains("is not a module of this build"), e.getMessage());
        assertTrue(e.getMessage().contains("-am"), e.getMessage());
    }

    @Test
    void aMissingTarSaysToRunJibBuildTar() throws Exception {
        dependOnApp();
        Files.delete(root.resolve("app/target/jib-image.tar"));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> resolve(new Properties(), artifact("com.example:app")));
        assertTrue(
                e.getMessage()
                        .contains(root.resolve("app/target/jib-image.tar") + " does not exist: run"
                                + " jib:buildTar in app"),
                e.getMessage());
    }

    @Test
    void aPathAndItsDigestFileAreRelativeToThePackageModule() {
        JibImage image = new JibImage();
        image.path = new File("../app/target/jib-image.tar");
        image.digestFile = new File("../app/target/jib-image.digest");
        assertEquals(
                List.of(new ImageArchive(
                        root.resolve("app/target/jib-image.tar"), root.resolve("app/target/jib-image.digest"))),
                resolve(new Properties(), image));
    }

    @Test
    void neitherOrBothIsRefused() {
        IllegalArgumentException neither =
                assertThrows(IllegalArgumentException.class, () -> resolve(new Properties(), new JibImage()));
        assertTrue(neither.getMessage().contains("needs exactly one of <artifact>"), neither.getMessage());
        JibImage both = artifact("com.example:app");
        both.path = new File("x.tar");
        assertThrows(IllegalArgumentException.class, () -> resolve(new Properties(), both));
    }

    @Test
    void thePropertyReplacesTheListAndTakesCoordinatesAndPaths() {
        dependOnApp();
        Properties user = new Properties();
        user.setProperty(PropertyNames.JIB_IMAGES, "com.example:app, images/b.tar=images/b.digest ,images/c.tar");
        assertEquals(
                List.of(
                        new ImageArchive(
                                root.resolve("app/target/jib-image.tar"), root.resolve("app/target/jib-image.digest")),
                        new ImageArchive(root.resolve("package/images/b.tar"), root.resolve("package/images/b.digest")),
                        ImageArchive.of(root.resolve("package/images/c.tar"))),
                resolve(user, artifact("com.example:ignored")));
    }
}
