package dev.jackal.maven;

import dev.jackal.core.JackalException;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.load.PackageLoader;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Verifies a jackal package (every checksum) and logs its definition, or its images. Inspects the package
 * that {@code jackal:package} attached in this build unless {@code source} names one. A property
 * ({@code -Djackal.*}, or a {@code jackal.*} entry in the POM's properties) beats the plugin's configuration
 * ({@link RawConfiguration});
 * relative paths resolve against the project's directory.
 */
@Mojo(name = "inspect", threadSafe = true)
public final class InspectMojo extends JackalMojo {

    /** The package: a {@code .tar.zst}, {@code .tar} or {@code .part000}. Default: this build's package. */
    @Parameter(property = PropertyNames.SOURCE)
    File source;

    /** Log the package's images instead of its definition. */
    @Parameter(property = PropertyNames.LIST_IMAGES, defaultValue = "false")
    boolean listImages;

    /** Write the package's SBOMs to this directory, below a directory named after the package. */
    @Parameter(property = PropertyNames.SBOM_OUT)
    File sbomOut;

    /** The expected SHA-256 of the archive. */
    @Parameter(property = PropertyNames.SHASUM)
    String shasum;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        RawConfiguration raw = raw();
        Path archive;
        Path sboms;
        boolean images;
        try {
            archive = archive(raw);
            sboms = raw.path(PropertyNames.SBOM_OUT, sbomOut);
            images = raw.bool(PropertyNames.LIST_IMAGES, listImages);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(MavenMessages.describe(e));
        }
        MavenEvents events = new MavenEvents(getLog());
        Path temp = Path.of(project.getBuild().getDirectory(), "jackal-tmp");
        try {
            Files.createDirectories(temp);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot create " + temp, e);
        }
        try (LoadedPackage loaded = new PackageLoader(events, temp)
                .load(archive, Optional.ofNullable(raw.string(PropertyNames.SHASUM, shasum, null)))) {
            List<String> lines =
                    images ? loaded.images() : loaded.definitionText().lines().toList();
            lines.forEach(getLog()::info);
            if (sboms != null) {
                Optional<Path> written = loaded.writeSboms(sboms);
                getLog().info(written.map(p -> "jackal: SBOMs written to " + p)
                        .orElse("jackal: the package has no SBOMs"));
            }
            getLog().info("jackal: " + archive.getFileName() + " verified"
                    + (loaded.dialect() == PackageDialect.JACKAL ? "" : " (" + loaded.origin() + ")"));
        } catch (JackalException e) {
            throw new MojoFailureException(MavenMessages.describe(e));
        } catch (IOException e) {
            throw new MojoExecutionException(
                    "cannot write the SBOMs to " + sboms + ": " + MavenMessages.describe(e), e);
        }
    }

    private Path archive(RawConfiguration raw) throws MojoFailureException {
        Path configured = raw.path(PropertyNames.SOURCE, source);
        if (configured != null) {
            return configured;
        }
        for (Artifact attached : project.getAttachedArtifacts()) {
            if (Attachments.isPackage(attached.getType()) && attached.getFile() != null) {
                return attached.getFile().toPath();
            }
        }
        throw new MojoFailureException("there is no package to inspect: run jackal:package in the same build"
                + " (mvn package jackal:inspect) or name one with <source> (-D" + PropertyNames.SOURCE + "=FILE)");
    }
}
