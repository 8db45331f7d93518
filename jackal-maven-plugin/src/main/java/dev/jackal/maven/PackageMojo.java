package dev.jackal.maven;

import dev.jackal.core.JackalException;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.create.CreateOptions;
import dev.jackal.core.create.CreateResult;
import dev.jackal.core.create.OciImageStep;
import dev.jackal.core.create.PackageCreator;
import dev.jackal.core.net.TransferBounds;
import dev.jackal.core.sbom.Sboms;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Builds the jackal package of this project from its {@code jackal.yaml} and attaches it to the build
 * (type {@code tar.zst}, classifier {@code <arch>[-<flavor>]}). Each parameter can be overridden with
 * the {@code -Djackal.*} property named in {@link PropertyNames}, which beats the POM.
 */
@Mojo(
        name = "package",
        defaultPhase = LifecyclePhase.PACKAGE,
        threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public final class PackageMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Component
    MavenProjectHelper projectHelper;

    /** Skip the goal. */
    @Parameter
    boolean skip;

    /** The directory with {@code jackal.yaml}. */
    @Parameter(defaultValue = "${project.basedir}")
    File packageDirectory;

    /** Where the package is written. */
    @Parameter(defaultValue = "${project.build.directory}")
    File outputDirectory;

    /** The target cluster's architecture; default: the definition's, else this machine's. */
    @Parameter
    String architecture;

    /** Keep only components without a flavor or with this one. */
    @Parameter
    String flavor;

    /** Values for {@code ###JACKAL_PKG_TMPL_KEY###}. */
    @Parameter
    Map<String, String> set;

    /** Do not generate SBOMs. */
    @Parameter
    boolean skipSbom;

    /** Split the package into parts of at most this many megabytes (0: one file). */
    @Parameter
    int maxPackageSize;

    /** Pull images of a registry from another: source registry → replacement. */
    @Parameter
    Map<String, String> registryOverrides;

    /** Talk plain HTTP to image registries. */
    @Parameter
    boolean plainHttp;

    /** Do not verify image registries' TLS certificates. */
    @Parameter
    boolean insecureSkipTlsVerify;

    /** Attempts per image pull. */
    @Parameter(defaultValue = "3")
    int retries;

    /** Longest wait for a connection, in seconds. */
    @Parameter(defaultValue = "10")
    int connectTimeout;

    /**
     * Longest wait for an answer or for the next bytes of a download, in seconds; also the window of
     * {@code minTransferRate}.
     */
    @Parameter(defaultValue = "30")
    int readTimeout;

    /** A download slower than this many bytes per second over a {@code readTimeout} window fails (0: no limit). */
    @Parameter(defaultValue = "1024")
    int minTransferRate;

    /** Blobs fetched at once. */
    @Parameter(defaultValue = "3")
    int ociConcurrency;

    /** Write this machine's host name and the user's name into the package's build data (left out by default). */
    @Parameter
    boolean recordBuilder;

    /**
     * The project's own runtime dependency tree, as an SBOM inside the package; none for a project without
     * dependencies, whose package is then the same as the CLI's for the same definition.
     */
    private Map<String, String> dependencySbom() {
        List<String> coordinates = new ArrayList<>();
        for (Artifact artifact : project.getArtifacts()) {
            coordinates.add(artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getVersion());
        }
        if (coordinates.isEmpty()) {
            return Map.of();
        }
        String subject = project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion();
        return Map.of("jackal-maven-" + project.getArtifactId() + ".json", Sboms.dependencies(subject, coordinates));
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        RawConfiguration raw = new RawConfiguration(session.getUserProperties());
        if (raw.bool(PropertyNames.SKIP, skip)) {
            getLog().info("jackal: skipped");
            return;
        }
        CreateOptions options;
        try {
            options = CreateOptions.builder(
                            Path.of(raw.string(PropertyNames.PACKAGE_DIRECTORY, packageDirectory.getPath(), ".")))
                    .outputDir(Path.of(raw.string(PropertyNames.OUTPUT_DIRECTORY, outputDirectory.getPath(), ".")))
                    .architecture(raw.string(PropertyNames.ARCHITECTURE, architecture, null))
                    .flavor(raw.string(PropertyNames.FLAVOR, flavor, ""))
                    .set(raw.map(PropertyNames.SET, set))
                    .skipSbom(raw.bool(PropertyNames.SKIP_SBOM, skipSbom))
                    .maxPackageSizeMb(raw.integer(PropertyNames.MAX_PACKAGE_SIZE, maxPackageSize))
                    .registryOverrides(raw.map(PropertyNames.REGISTRY_OVERRIDE, registryOverrides))
                    .plainHttp(raw.bool(PropertyNames.PLAIN_HTTP, plainHttp))
                    .insecureSkipTlsVerify(raw.bool(PropertyNames.INSECURE_SKIP_TLS_VERIFY, insecureSkipTlsVerify))
                    .retries(raw.integer(PropertyNames.RETRIES, retries))
                    .network(new TransferBounds(
                            Duration.ofSeconds(raw.integer(PropertyNames.CONNECT_TIMEOUT, connectTimeout)),
                            Duration.ofSeconds(raw.integer(PropertyNames.READ_TIMEOUT, readTimeout)),
                            raw.integer(PropertyNames.MIN_TRANSFER_RATE, minTransferRate)))
                    .ociConcurrency(raw.integer(PropertyNames.OCI_CONCURRENCY, ociConcurrency))
                    .extraSboms(dependencySbom())
                    .recordBuilder(raw.bool(PropertyNames.RECORD_BUILDER, recordBuilder))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        }
        MavenEvents events = new MavenEvents(getLog());
        try {
            CreateResult result =
                    new PackageCreator(events, SkeletonResolver.UNSUPPORTED, new OciImageStep(events)).create(options);
            String classifier =
                    result.pkg().metadata().architecture() + (options.flavor().isEmpty() ? "" : "-" + options.flavor());
            if (result.files().size() == 1) {
                projectHelper.attachArtifact(
                        project, "tar.zst", classifier, result.archive().toFile());
            }
            getLog().info("jackal: " + result.archive() + " (aggregate checksum " + result.aggregateChecksum() + ")");
        } catch (JackalException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (RuntimeException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }
}
