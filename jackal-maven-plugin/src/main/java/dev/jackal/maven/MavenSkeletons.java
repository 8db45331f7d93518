package dev.jackal.maven;

import dev.jackal.core.compose.SkeletonArchive;
import dev.jackal.core.compose.SkeletonImportException;
import dev.jackal.core.compose.SkeletonResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.project.MavenProject;

/**
 * {@code import.maven: groupId:artifactId} in a Maven build: the skeleton ({@code tar.zst}, classifier
 * {@code skeleton}) among the project's resolved dependencies, so Maven alone chose its version (the dependency or
 * its {@code dependencyManagement}/BOM entry) and fetched it through its repositories, mirrors, credentials and
 * {@code -o}, or took a sibling's attachment from the reactor. It is unpacked into
 * {@code target/jackal/skeletons/GROUP/ARTIFACT/} and composed like an {@code import.path}. An import that is not a
 * dependency fails with the dependency to add.
 */
final class MavenSkeletons implements SkeletonResolver {

    static final String TYPE = "tar.zst";
    static final String CLASSIFIER = "skeleton";

    private final List<Artifact> artifacts;
    private final Path skeletonsDir;

    /**
     * @param artifacts the project's resolved dependencies ({@code project.getArtifacts()})
     * @param skeletonsDir where skeletons are unpacked ({@code target/jackal/skeletons})
     */
    MavenSkeletons(List<Artifact> artifacts, Path skeletonsDir) {
        this.artifacts = List.copyOf(artifacts);
        this.skeletonsDir = skeletonsDir;
    }

    /** The skeletons among {@code project}'s dependencies, unpacked under its {@code target/jackal/skeletons}. */
    static MavenSkeletons of(MavenProject project) {
        return new MavenSkeletons(
                new ArrayList<>(project.getArtifacts()),
                Path.of(project.getBuild().getDirectory()).resolve("jackal").resolve("skeletons"));
    }

    @Override
    public Path maven(String coordinates) {
        int colon = coordinates.indexOf(':');
        String groupId = coordinates.substring(0, colon);
        String artifactId = coordinates.substring(colon + 1);
        Artifact skeleton = artifacts.stream()
                .filter(a -> groupId.equals(a.getGroupId())
                        && artifactId.equals(a.getArtifactId())
                        && TYPE.equals(a.getType())
                        && CLASSIFIER.equals(a.getClassifier()))
                .findFirst()
                .orElseThrow(() -> new SkeletonImportException(coordinates, undeclared(groupId, artifactId)));
        if (skeleton.getFile() == null || !skeleton.getFile().isFile()) {
            throw new SkeletonImportException(
                    coordinates,
                    coordinates + ":" + skeleton.getVersion() + " has no skeleton file"
                            + (skeleton.getFile() == null ? "" : " at " + skeleton.getFile())
                            + "; build it with jackal:skeleton (in this reactor, or install/deploy it)");
        }
        return SkeletonArchive.unpack(
                skeleton.getFile().toPath(), skeletonsDir.resolve(groupId).resolve(artifactId), coordinates);
    }

    /** The one line for an import that is not a dependency: the {@code <dependency>} to add, as it must be written. */
    static String undeclared(String groupId, String artifactId) {
        return groupId + ":" + artifactId + " is not a dependency of this project; add"
                + " <dependency><groupId>" + groupId + "</groupId><artifactId>" + artifactId + "</artifactId>"
                + "<type>" + TYPE + "</type><classifier>" + CLASSIFIER + "</classifier><scope>provided</scope>"
                + "</dependency> to its <dependencies> (with a <version>, or with the version in"
                + " <dependencyManagement> or an imported BOM)";
    }
}
