package dev.jackal.maven;

import dev.jackal.core.JackalException;
import dev.jackal.core.oci.DockerConfigCredentials;
import dev.jackal.core.oci.RegistryAuthException;
import dev.jackal.core.oci.RegistryOptions;
import dev.jackal.core.publish.PackagePublisher;
import dev.jackal.core.publish.PublishRequest;
import dev.jackal.core.remote.PackageUrl;
import dev.jackal.core.remote.PublishResult;
import dev.jackal.core.remote.RemoteOptions;
import dev.jackal.core.remote.RemotePackageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.ArtifactUtils;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Publishes the packages this build attached (each architecture and flavor {@code jackal:package} made, and the
 * skeleton when {@code jackal:skeleton} attached one) to an OCI registry, as they are, without building anything:
 * each goes to REPOSITORY/NAME:VERSION[-FLAVOR], where one tag holds every architecture and the skeleton.
 * Credentials come from the settings.xml server whose id is {@code publishServerId}, else the registry's
 * host:port, else its host (passwords decrypted as Maven does), else the Docker config and its credential helpers.
 * A release version never replaces a different package already under its tag unless {@code publishOverwrite} is
 * set; a SNAPSHOT version always does. Offline ({@code -o}) it fails before any network access. Registry requests go
 * through the first active http(s) proxy of settings.xml, except to its nonProxyHosts.
 */
@Mojo(name = "publish", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public final class PublishMojo extends JackalMojo {

    /**
     * The manifest annotation naming the Maven artifact a published package is (its twin in the Maven repository).
     */
    static final String COORDINATES_ANNOTATION = "dev.jackal.maven.coordinates";

    /** Skip this goal only (the package is still built and deployed to Maven repositories). */
    @Parameter(property = PropertyNames.PUBLISH_SKIP, defaultValue = "false")
    boolean publishSkip;

    /** Skip every jackal goal. */
    @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
    boolean skip;

    /** Where to publish: oci://HOST[:PORT]/PATH; the package's name and version are appended. */
    @Parameter(property = PropertyNames.PUBLISH_REPOSITORY)
    String publishRepository;

    /** The settings.xml server that holds the registry's credentials; default: the registry's host:port, or host. */
    @Parameter(property = PropertyNames.PUBLISH_SERVER_ID)
    String publishServerId;

    /** Let a release version replace a different package already published under its tag. */
    @Parameter(property = PropertyNames.PUBLISH_OVERWRITE, defaultValue = "false")
    boolean publishOverwrite;

    /** Talk plain HTTP to the registry (a loopback registry without TLS is reached over plain HTTP anyway). */
    @Parameter(property = PropertyNames.PUBLISH_PLAIN_HTTP, defaultValue = "false")
    boolean publishPlainHttp;

    /** Do not verify the registry's TLS certificate. */
    @Parameter(property = PropertyNames.PUBLISH_INSECURE_SKIP_TLS_VERIFY, defaultValue = "false")
    boolean publishInsecureSkipTlsVerify;

    /** Attempts per registry request. */
    @Parameter(property = PropertyNames.RETRIES, defaultValue = "3")
    int retries;

    /** Blobs uploaded at once. */
    @Parameter(property = PropertyNames.OCI_CONCURRENCY, defaultValue = "3")
    int ociConcurrency;

    /** Longest wait for a connection, in seconds. */
    @Parameter(property = PropertyNames.CONNECT_TIMEOUT, defaultValue = "10")
    int connectTimeout;

    /** Longest wait for an answer, in seconds; also the window of {@code minTransferRate}. */
    @Parameter(property = PropertyNames.READ_TIMEOUT, defaultValue = "30")
    int readTimeout;

    /** A transfer slower than this many bytes per second over a {@code readTimeout} window fails (0: no limit). */
    @Parameter(property = PropertyNames.MIN_TRANSFER_RATE, defaultValue = "1024")
    int minTransferRate;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        RawConfiguration raw = raw();
        List<Artifact> packages;
        String destination;
        RemoteOptions options;
        boolean overwrite;
        try {
            if (raw.bool(PropertyNames.SKIP, skip) || raw.bool(PropertyNames.PUBLISH_SKIP, publishSkip)) {
                getLog().info("jackal: publish skipped");
                return;
            }
            packages = Attachments.publishable(project.getAttachedArtifacts());
            if (packages.isEmpty()) {
                if (isAggregator()) {
                    getLog().info("jackal: publish skipped, " + project.getArtifactId() + " aggregates modules and"
                            + " attached no package");
                    return;
                }
                throw new MojoFailureException("jackal: this build attached no package to publish: run jackal:package"
                        + " in the same build (mvn deploy, or mvn package jackal:publish), or skip publishing with -D"
                        + PropertyNames.PUBLISH_SKIP);
            }
            destination = raw.string(PropertyNames.PUBLISH_REPOSITORY, publishRepository, null);
            if (destination == null || destination.isBlank()) {
                throw new MojoFailureException("jackal: no OCI repository to publish to: set <publishRepository>"
                        + "oci://HOST/PATH</publishRepository> in the plugin's <configuration> (or <"
                        + PropertyNames.PUBLISH_REPOSITORY + "> in the POM's <properties>, or -D"
                        + PropertyNames.PUBLISH_REPOSITORY + "=oci://HOST/PATH), or skip publishing with -D"
                        + PropertyNames.PUBLISH_SKIP);
            }
            String registry = registryOf(destination);
            if (session.isOffline()) {
                throw new MojoFailureException("jackal: cannot publish to " + destination + " offline (-o): run"
                        + " without -o, or skip publishing with -D" + PropertyNames.PUBLISH_SKIP);
            }
            options = options(raw, registry);
            overwrite = ArtifactUtils.isSnapshot(project.getVersion())
                    || raw.bool(PropertyNames.PUBLISH_OVERWRITE, publishOverwrite);
        } catch (IllegalArgumentException | JackalException e) {
            throw new MojoFailureException(MavenMessages.describe(e));
        }
        MavenEvents events = new MavenEvents(getLog());
        try {
            Path temp = Files.createDirectories(Path.of(project.getBuild().getDirectory(), "jackal-publish"));
            PackagePublisher publisher = new PackagePublisher(events, temp);
            for (Artifact artifact : packages) {
                PublishResult result = publisher.publish(
                        new PublishRequest(artifact.getFile().toPath(), destination, "", options, overwrite)
                                .withAnnotations(Map.of(COORDINATES_ANNOTATION, coordinates(artifact))));
                getLog().info("jackal: " + artifact.getClassifier() + " published as " + result.url());
            }
        } catch (RegistryAuthException e) {
            throw new MojoFailureException(
                    MavenMessages.describe(e) + "; from Maven: " + serverHint(options, e.registry()));
        } catch (RemotePackageException e) {
            throw new MojoFailureException(overwriteHint(MavenMessages.describe(e)));
        } catch (JackalException | IllegalArgumentException e) {
            throw new MojoFailureException(MavenMessages.describe(e));
        } catch (IOException | RuntimeException e) {
            throw new MojoExecutionException("jackal: publish failed: " + MavenMessages.describe(e), e);
        }
    }

    /** The Maven twin of a published package, as {@code groupId:artifactId:version:classifier}. */
    static String coordinates(Artifact artifact) {
        return artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getBaseVersion() + ":"
                + artifact.getClassifier();
    }

    private RemoteOptions options(RawConfiguration raw, String registry) throws MojoFailureException {
        String serverId = raw.string(PropertyNames.PUBLISH_SERVER_ID, publishServerId, null);
        if (serverId != null && !SettingsCredentials.hasServer(session.getSettings(), serverId)) {
            throw new MojoFailureException("jackal: settings.xml has no <server> with <id>" + serverId + "</id>"
                    + " (named by " + describe(raw, PropertyNames.PUBLISH_SERVER_ID, "publishServerId", serverId)
                    + "): add one with the registry's <username> and <password>, or leave the server id out to use"
                    + " the server named " + registry + " or the Docker config");
        }
        SettingsCredentials credentials = new SettingsCredentials(
                session.getSettings(),
                settingsDecrypter,
                serverId == null ? Map.of() : Map.of(registry, serverId),
                DockerConfigCredentials.fromEnvironment());
        RegistryOptions registryOptions = RegistryOptions.defaults()
                .withPlainHttp(raw.bool(PropertyNames.PUBLISH_PLAIN_HTTP, publishPlainHttp))
                .withInsecureSkipTlsVerify(
                        raw.bool(PropertyNames.PUBLISH_INSECURE_SKIP_TLS_VERIFY, publishInsecureSkipTlsVerify))
                .withRetries(raw.integer(PropertyNames.RETRIES, retries))
                .withBounds(bounds(raw, connectTimeout, readTimeout, minTransferRate))
                .withProxy(networkProxy());
        return new RemoteOptions(
                registryOptions, credentials, raw.integer(PropertyNames.OCI_CONCURRENCY, ociConcurrency));
    }

    /** The registry host (with its port) of {@code oci://HOST[:PORT]/PATH}. */
    static String registryOf(String destination) {
        String prefix = PackageUrl.repositoryPrefix(destination);
        int slash = prefix.indexOf('/');
        return slash < 0 ? prefix : prefix.substring(0, slash);
    }

    private static String describe(RawConfiguration raw, String property, String parameter, String value) {
        return raw.property(property)
                .map(RawConfiguration.Property::described)
                .orElse("<" + parameter + ">" + value + "</" + parameter + ">");
    }

    /** Where Maven users put a registry's credentials. */
    private static String serverHint(RemoteOptions options, String registry) {
        return ((SettingsCredentials) options.credentials())
                .serverId(registry)
                .map(id -> "check the <username> and <password> of the <server> '" + id + "' in settings.xml")
                .orElse("add a <server> with <id>" + registry
                        + "</id>, its <username> and <password> to settings.xml (or" + " name another server with -D"
                        + PropertyNames.PUBLISH_SERVER_ID + ")");
    }

    /** The core's refusal to replace a release, in Maven's words. */
    private static String overwriteHint(String message) {
        return message.replace(
                "allow overwriting to replace it",
                "run with -D" + PropertyNames.PUBLISH_OVERWRITE + " (<publishOverwrite>true</publishOverwrite>) to"
                        + " replace it");
    }
}
