package dev.jackal.maven;

import dev.jackal.core.JackalException;
import dev.jackal.core.compose.Composer;
import dev.jackal.core.create.CreateResult;
import dev.jackal.core.publish.SkeletonCreator;
import dev.jackal.core.publish.SkeletonRequest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Builds the skeleton of this project's package (Zarf's skeleton form: architecture skeleton, the definition with
 * its local imports composed, local manifests, charts, files and values files inside, no images and nothing
 * fetched) and attaches it as type {@code tar.zst} with classifier {@code skeleton}, so {@code install} and
 * {@code deploy} carry it as ARTIFACT-VERSION-skeleton.tar.zst and other projects import its components with
 * {@code import.maven: groupId:artifactId}. The same properties as {@code jackal:package} apply ({@code jackal.skip},
 * {@code jackal.packageDirectory}, {@code jackal.outputDirectory}, {@code jackal.flavor}); a reproducible build's
 * time ({@code project.build.outputTimestamp}, else {@code SOURCE_DATE_EPOCH}) gives the same bytes every time.
 */
@Mojo(
        name = "skeleton",
        defaultPhase = LifecyclePhase.PACKAGE,
        threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public final class SkeletonMojo extends JackalMojo {

    @Component
    MavenProjectHelper projectHelper;

    /** Skip this goal only; {@code jackal.skip} skips every jackal goal. */
    @Parameter(property = PropertyNames.SKELETON_SKIP, defaultValue = "false")
    boolean skip;

    /** The directory with {@code jackal.yaml}; relative to the project's directory. */
    @Parameter(property = PropertyNames.PACKAGE_DIRECTORY, defaultValue = "${project.basedir}")
    File packageDirectory;

    /** Where the skeleton is written; relative to the project's directory. */
    @Parameter(property = PropertyNames.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}")
    File outputDirectory;

    /** Keep only components without a flavor or with this one. */
    @Parameter(property = PropertyNames.FLAVOR)
    String flavor;

    /** The skeleton's {@code build.timestamp}; as for {@code jackal:package}. */
    @Parameter(property = PropertyNames.OUTPUT_TIMESTAMP)
    String outputTimestamp;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        RawConfiguration raw = raw();
        SkeletonRequest request;
        try {
            if (raw.bool(PropertyNames.SKIP, false) || raw.bool(PropertyNames.SKELETON_SKIP, skip)) {
                getLog().info("jackal: skeleton skipped");
                return;
            }
            Path dir = raw.path(PropertyNames.PACKAGE_DIRECTORY, packageDirectory);
            if (!Files.isRegularFile(dir.resolve(Composer.DEFINITION_FILE))) {
                if (isAggregator()) {
                    getLog().info("jackal: skeleton skipped, " + project.getArtifactId()
                            + " aggregates modules and has no " + Composer.DEFINITION_FILE);
                    return;
                }
                throw new MojoFailureException("no " + Composer.DEFINITION_FILE + " in " + dir + ": add one, point"
                        + " <packageDirectory> (-D" + PropertyNames.PACKAGE_DIRECTORY + "=DIR) at its directory,"
                        + " or skip the skeleton with <" + PropertyNames.SKELETON_SKIP + ">true</"
                        + PropertyNames.SKELETON_SKIP + "> in its <properties>");
            }
            String flavorName = raw.string(PropertyNames.FLAVOR, flavor, "");
            request = new SkeletonRequest(
                    dir,
                    raw.path(PropertyNames.OUTPUT_DIRECTORY, outputDirectory),
                    flavorName,
                    BuildTime.of(
                                    raw.string(PropertyNames.OUTPUT_TIMESTAMP, outputTimestamp, null),
                                    session.getSystemProperties().getProperty(PropertyNames.ENV_SOURCE_DATE_EPOCH))
                            .orElse(null),
                    project.getVersion());
        } catch (IllegalArgumentException | JackalException e) {
            throw new MojoFailureException(MavenMessages.describe(e));
        }
        try {
            CreateResult result =
                    new SkeletonCreator(new MavenEvents(getLog()), MavenSkeletons.of(project)).create(request);
            String classifier = MavenSkeletons.CLASSIFIER + (request.flavor().isEmpty() ? "" : "-" + request.flavor());
            projectHelper.attachArtifact(
                    project,
                    Attachments.type(result.archive()),
                    classifier,
                    result.archive().toFile());
        } catch (JackalException | IllegalArgumentException e) {
            throw new MojoFailureException(MavenMessages.describe(e));
        } catch (RuntimeException e) {
            throw new MojoExecutionException("jackal: skeleton failed: " + MavenMessages.describe(e), e);
        }
    }
}
