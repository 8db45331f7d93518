package dev.jackal.maven;

import dev.jackal.core.JackalException;
import dev.jackal.core.compose.Composer;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.create.CreateOptions;
import dev.jackal.core.create.OciImageStep;
import dev.jackal.core.publish.OciSkeletons;
import dev.jackal.core.sbom.Sboms;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Builds the jackal package of this project from its {@code jackal.yaml} and attaches it to the build (type
 * {@code tar.zst}, classifier ARCH or ARCH-FLAVOR; a split package attaches its parts as {@code tar.zst.part000},
 * {@code tar.zst.part001}, …). A property ({@code -Djackal.*}, or a {@code jackal.*} entry in the POM's properties)
 * beats the plugin's configuration, except that an execution's own architecture and flavor win; see
 * {@link RawConfiguration}. An aggregator ({@code pom} packaging with modules) without a {@code jackal.yaml} is
 * skipped. A component with {@code import.maven: groupId:artifactId} takes that skeleton from the project's
 * dependencies (type {@code tar.zst}, classifier {@code skeleton}, scope {@code provided}): dependency resolution
 * includes {@code provided}, and the version comes only from the POM. (No angle brackets in these texts: {@code help:describe} reads them as HTML and drops them.)
 */
@Mojo(
        name = "package",
        defaultPhase = LifecyclePhase.PACKAGE,
        threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public class PackageMojo extends JackalMojo {

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    MojoExecution mojoExecution;

    @Component
    MavenProjectHelper projectHelper;

    private SettingsCredentials imageCredentials;

    /** Skip the goal. */
    @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
    boolean skip;

    /** The directory with {@code jackal.yaml}; relative to the project's directory. */
    @Parameter(property = PropertyNames.PACKAGE_DIRECTORY, defaultValue = "${project.basedir}")
    File packageDirectory;

    /** Where the package is written; relative to the project's directory. */
    @Parameter(property = PropertyNames.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}")
    File outputDirectory;

    /**
     * The target cluster's architecture; default: the definition's, else this machine's. An execution that sets
     * it keeps it whatever {@code -Djackal.architecture} says.
     */
    @Parameter(property = PropertyNames.ARCHITECTURE)
    String architecture;

    /**
     * Keep only components without a flavor or with this one. An execution that sets it keeps it whatever
     * {@code -Djackal.flavor} says.
     */
    @Parameter(property = PropertyNames.FLAVOR)
    String flavor;

    /**
     * Values for {@code ###JACKAL_PKG_TMPL_KEY###}, one child element per key (named after the key, holding the
     * value). From the command line or the POM's properties: {@code jackal.set} ({@code setPairs}), which replaces
     * this map.
     */
    @Parameter
    Map<String, String> set;

    /**
     * {@code set} as {@code KEY=value} pairs separated by commas ({@code -Djackal.set=KEY=value,K2=v2}); a Maven map
     * parameter cannot take a property itself.
     */
    @Parameter(property = PropertyNames.SET)
    String setPairs;

    /** Do not generate SBOMs. */
    @Parameter(property = PropertyNames.SKIP_SBOM, defaultValue = "false")
    boolean skipSbom;

    /** Split the package into parts of at most this many megabytes (0: one file); each part is attached. */
    @Parameter(property = PropertyNames.MAX_PACKAGE_SIZE, defaultValue = "0")
    int maxPackageSize;

    /**
     * Pull images of a registry from another: one child element per source registry (named after it, holding the
     * replacement). From the command line or the POM's properties: {@code jackal.registryOverride}
     * ({@code registryOverridePairs}).
     */
    @Parameter
    Map<String, String> registryOverrides;

    /** {@code registryOverrides} as {@code SRC=DST} pairs separated by commas ({@code -Djackal.registryOverride=…}). */
    @Parameter(property = PropertyNames.REGISTRY_OVERRIDE)
    String registryOverridePairs;

    /** Talk plain HTTP to image registries. */
    @Parameter(property = PropertyNames.PLAIN_HTTP, defaultValue = "false")
    boolean plainHttp;

    /** Do not verify image registries' TLS certificates. */
    @Parameter(property = PropertyNames.INSECURE_SKIP_TLS_VERIFY, defaultValue = "false")
    boolean insecureSkipTlsVerify;

    /** Attempts per image pull. */
    @Parameter(property = PropertyNames.RETRIES, defaultValue = "3")
    int retries;

    /** Longest wait for a connection, in seconds. */
    @Parameter(property = PropertyNames.CONNECT_TIMEOUT, defaultValue = "10")
    int connectTimeout;

    /**
     * Longest wait for an answer or for the next bytes of a download, in seconds; also the window of
     * {@code minTransferRate}.
     */
    @Parameter(property = PropertyNames.READ_TIMEOUT, defaultValue = "30")
    int readTimeout;

    /** A download slower than this many bytes per second over a {@code readTimeout} window fails (0: no limit). */
    @Parameter(property = PropertyNames.MIN_TRANSFER_RATE, defaultValue = "1024")
    int minTransferRate;

    /** Blobs fetched at once. */
    @Parameter(property = PropertyNames.OCI_CONCURRENCY, defaultValue = "3")
    int ociConcurrency;

    /** jackal's cache of images, charts and repositories; default {@code ~/.jackal-cache}. */
    @Parameter(property = PropertyNames.CACHE)
    File cache;

    /**
     * Write this machine's host name and the user's name into the package's build data (left out by default, and
     * always in a reproducible build: when {@code project.build.outputTimestamp} or {@code SOURCE_DATE_EPOCH} is
     * set).
     */
    @Parameter(property = PropertyNames.RECORD_BUILDER, defaultValue = "false")
    boolean recordBuilder;

    /**
     * The package's {@code build.timestamp}, Maven's reproducible-build time (ISO-8601 or seconds since the epoch);
     * when unset, {@code SOURCE_DATE_EPOCH}; when neither is set, the time of the build.
     */
    @Parameter(property = PropertyNames.OUTPUT_TIMESTAMP)
    String outputTimestamp;

    /**
     * Images built by this reactor with Jib's jib:buildTar (OCI format) that go into the package byte for byte, each
     * a jibImage with an artifact (groupId:artifactId of a module this one depends on) or a path (its tar), and
     * optionally a digestFile; each image's reference must be listed under a component's images. See JibImages.
     */
    @Parameter
    List<JibImage> jibImages;

    /**
     * {@code jibImages} as a property: groupId:artifactId or PATH[=DIGESTFILE] items separated by commas
     * ({@code -Djackal.jibImages=com.example:app}); replaces the list.
     */
    @Parameter(property = PropertyNames.JIB_IMAGES)
    String jibImageList;

    /**
     * Build even when nothing changed since the last build: by default an unchanged package (same definition, local
     * files, settings and digest-pinned sources) is not built again but attached as it is.
     */
    @Parameter(property = PropertyNames.FORCE, defaultValue = "false")
    boolean force;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        RawConfiguration raw = raw();
        CreateOptions options;
        try {
            if (raw.bool(PropertyNames.SKIP, skip)) {
                getLog().info("jackal: skipped");
                return;
            }
            Path dir = raw.path(PropertyNames.PACKAGE_DIRECTORY, packageDirectory);
            if (!Files.isRegularFile(dir.resolve(Composer.DEFINITION_FILE))) {
                if (isAggregator()) {
                    getLog().info("jackal: skipped, " + project.getArtifactId() + " aggregates modules and has no "
                            + Composer.DEFINITION_FILE);
                    return;
                }
                throw new MojoFailureException("no " + Composer.DEFINITION_FILE + " in " + dir + ": add one, point"
                        + " <packageDirectory> (-D" + PropertyNames.PACKAGE_DIRECTORY + "=DIR) at its directory,"
                        + " or skip this module with <" + PropertyNames.SKIP + ">true</" + PropertyNames.SKIP
                        + "> in its <properties>");
            }
            options = options(raw, dir).offline(session.isOffline()).build();
        } catch (IllegalArgumentException | JackalException e) {
            throw new MojoFailureException(MavenMessages.describe(e));
        }
        MavenEvents events = new MavenEvents(getLog());
        try {
            PackageRun.Built built = new PackageRun(getLog(), events, skeletons(events, options), imageStep(events))
                    .run(options, raw.bool(PropertyNames.FORCE, force));
            for (Path file : built.files()) {
                projectHelper.attachArtifact(project, Attachments.type(file), built.classifier(), file.toFile());
            }
        } catch (MissingValue e) {
            throw new MojoFailureException(e.describe());
        } catch (JackalException | IllegalArgumentException e) {
            throw new MojoFailureException(MavenMessages.describe(e));
        } catch (RuntimeException e) {
            throw new MojoExecutionException("jackal: package failed: " + MavenMessages.describe(e), e);
        }
    }

    /** The create options of this execution's configuration, still open for changes (offline, output). */
    CreateOptions.Builder options(RawConfiguration raw, Path dir) {
        String executionId = mojoExecution == null ? "default" : mojoExecution.getExecutionId();
        String arch =
                raw.perExecution(PropertyNames.ARCHITECTURE, architecture, p -> getLog().info("jackal: execution '"
                        + executionId + "' keeps its <architecture>" + architecture + "</architecture>; "
                        + p.described()
                        + " applies to executions that set none"));
        String flavorName = raw.perExecution(PropertyNames.FLAVOR, flavor, p -> getLog().info("jackal: execution '"
                + executionId + "' keeps its <flavor>" + flavor + "</flavor>; " + p.described()
                + " applies to executions that set none"));
        Path cacheDir = raw.path(PropertyNames.CACHE, cache);
        CreateOptions.Builder builder = CreateOptions.builder(dir)
                .outputDir(raw.path(PropertyNames.OUTPUT_DIRECTORY, outputDirectory))
                .architecture(arch)
                .flavor(flavorName == null ? "" : flavorName)
                .set(raw.map(PropertyNames.SET, set))
                .missingValues(key -> {
                    throw new MissingValue(key);
                })
                .skipSbom(raw.bool(PropertyNames.SKIP_SBOM, skipSbom))
                .maxPackageSizeMb(raw.integer(PropertyNames.MAX_PACKAGE_SIZE, maxPackageSize))
                .registryOverrides(raw.map(PropertyNames.REGISTRY_OVERRIDE, registryOverrides))
                .plainHttp(raw.bool(PropertyNames.PLAIN_HTTP, plainHttp))
                .insecureSkipTlsVerify(raw.bool(PropertyNames.INSECURE_SKIP_TLS_VERIFY, insecureSkipTlsVerify))
                .retries(raw.integer(PropertyNames.RETRIES, retries))
                .network(bounds(raw, connectTimeout, readTimeout, minTransferRate))
                .proxy(session.isOffline() ? null : networkProxy())
                .ociConcurrency(raw.integer(PropertyNames.OCI_CONCURRENCY, ociConcurrency))
                .extraSboms(dependencySbom())
                .recordBuilder(raw.bool(PropertyNames.RECORD_BUILDER, recordBuilder))
                .timestamp(BuildTime.of(
                                raw.string(PropertyNames.OUTPUT_TIMESTAMP, outputTimestamp, null),
                                session.getSystemProperties().getProperty(PropertyNames.ENV_SOURCE_DATE_EPOCH))
                        .orElse(null))
                .defaultVersion(project.getVersion())
                .imageArchives(new JibImages(raw, project, session.getProjects()).resolve(jibImages))
                .confirmation(pkg -> {
                    String version = pkg.metadata().version();
                    if (version != null && !version.equals(project.getVersion())) {
                        getLog().warn("jackal: jackal.yaml says metadata.version " + version + " but the project's"
                                + " version is " + project.getVersion() + "; the package keeps " + version
                                + " (leave metadata.version out to take the project's)");
                    }
                    return true;
                });
        if (cacheDir != null) {
            builder.cacheDir(cacheDir);
        }
        return builder;
    }

    /** Image pulls with the credentials of {@code settings.xml}'s servers, then the Docker config. */
    OciImageStep imageStep(MavenEvents events) {
        return new OciImageStep(events, imageCredentials());
    }

    /**
     * The credentials of image pulls and {@code import.url} skeletons: one lookup for both, so a server's password
     * is decrypted once.
     */
    private SettingsCredentials imageCredentials() {
        if (imageCredentials == null) {
            imageCredentials = SettingsCredentials.forImages(session.getSettings(), settingsDecrypter);
        }
        return imageCredentials;
    }

    /**
     * Skeletons for imports: {@code import.maven} from this project's dependencies, {@code import.url} from its
     * registry with the credentials image pulls use ({@code settings.xml} servers, then the Docker config), or under
     * {@code -o} from jackal's cache (which {@code jackal:go-offline} fills).
     */
    SkeletonResolver skeletons(MavenEvents events, CreateOptions options) {
        return OciSkeletons.forCreate(events, options, imageCredentials(), MavenSkeletons.of(project));
    }

    /**
     * The project's own runtime dependency tree, as an SBOM inside the package; none for a project without
     * dependencies, whose package is then the same as the CLI's for the same definition. Of the {@code provided}
     * dependencies (resolved for {@code import.maven}) only the skeletons count: their components are in the package.
     */
    private Map<String, String> dependencySbom() {
        List<String> coordinates = new ArrayList<>();
        for (Artifact artifact : project.getArtifacts()) {
            boolean runtime = !Artifact.SCOPE_PROVIDED.equals(artifact.getScope())
                    && !Artifact.SCOPE_SYSTEM.equals(artifact.getScope());
            if (!runtime && !MavenSkeletons.CLASSIFIER.equals(artifact.getClassifier())) {
                continue;
            }
            coordinates.add(artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getVersion());
        }
        if (coordinates.isEmpty()) {
            return Map.of();
        }
        String subject = project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion();
        return Map.of("jackal-maven-" + project.getArtifactId() + ".json", Sboms.dependencies(subject, coordinates));
    }

    /** A template key that neither {@code <set>} nor {@code -Djackal.set} gives a value; Maven never asks. */
    static final class MissingValue extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String key;

        MissingValue(String key) {
            super(key, null, false, false);
            this.key = key;
        }

        /** What to do, in Maven's words. */
        String describe() {
            return "jackal.yaml (or a file it imports) uses ###JACKAL_PKG_TMPL_" + key
                    + "### and no value is set: add <set><" + key + ">value</" + key + "></set> to the plugin's"
                    + " <configuration> or run with -D" + PropertyNames.SET + "=" + key + "=value";
        }
    }
}
