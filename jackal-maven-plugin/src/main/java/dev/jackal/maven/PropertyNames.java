package dev.jackal.maven;

/**
 * Every property the plugin reads, in one place. Each mojo parameter names its property here
 * ({@code @Parameter(property = …)}), so {@code mvn help:describe -Dplugin=jackal -Ddetail} lists it. How a
 * property and the POM's {@code <configuration>} combine is {@link RawConfiguration}'s job.
 */
public final class PropertyNames {

    public static final String SKIP = "jackal.skip";
    public static final String PACKAGE_DIRECTORY = "jackal.packageDirectory";
    public static final String OUTPUT_DIRECTORY = "jackal.outputDirectory";
    /** Per execution: an execution's own {@code <architecture>} wins over the property. */
    public static final String ARCHITECTURE = "jackal.architecture";
    /** Per execution: an execution's own {@code <flavor>} wins over the property. */
    public static final String FLAVOR = "jackal.flavor";

    public static final String SET = "jackal.set";
    public static final String SKIP_SBOM = "jackal.skipSbom";
    public static final String MAX_PACKAGE_SIZE = "jackal.maxPackageSize";
    public static final String REGISTRY_OVERRIDE = "jackal.registryOverride";
    public static final String PLAIN_HTTP = "jackal.plainHttp";
    public static final String INSECURE_SKIP_TLS_VERIFY = "jackal.insecureSkipTlsVerify";
    public static final String RETRIES = "jackal.retries";
    public static final String CONNECT_TIMEOUT = "jackal.connectTimeout";
    public static final String READ_TIMEOUT = "jackal.readTimeout";
    public static final String MIN_TRANSFER_RATE = "jackal.minTransferRate";
    public static final String OCI_CONCURRENCY = "jackal.ociConcurrency";
    public static final String CACHE = "jackal.cache";
    /** Build the package even when its inputs are unchanged since the last build (the up-to-date check). */
    public static final String FORCE = "jackal.force";

    public static final String RECORD_BUILDER = "jackal.recordBuilder";
    public static final String SKELETON_SKIP = "jackal.skeleton.skip";
    /** Images this reactor built with Jib: {@code groupId:artifactId} or {@code PATH[=DIGESTFILE]}, by commas. */
    public static final String JIB_IMAGES = "jackal.jibImages";

    public static final String SOURCE = "jackal.source";
    public static final String LIST_IMAGES = "jackal.listImages";
    public static final String SBOM_OUT = "jackal.sbomOut";
    public static final String SHASUM = "jackal.shasum";

    public static final String PUBLISH_SKIP = "jackal.publish.skip";
    public static final String PUBLISH_REPOSITORY = "jackal.publish.repository";
    public static final String PUBLISH_SERVER_ID = "jackal.publish.serverId";
    public static final String PUBLISH_OVERWRITE = "jackal.publish.overwrite";
    public static final String PUBLISH_PLAIN_HTTP = "jackal.publish.plainHttp";
    public static final String PUBLISH_INSECURE_SKIP_TLS_VERIFY = "jackal.publish.insecureSkipTlsVerify";

    /** Maven's own: the build time of reproducible builds (ISO-8601 or seconds since the epoch). */
    public static final String OUTPUT_TIMESTAMP = "project.build.outputTimestamp";
    /** The environment variable {@code SOURCE_DATE_EPOCH}, as Maven exposes it among the system properties. */
    public static final String ENV_SOURCE_DATE_EPOCH = "env.SOURCE_DATE_EPOCH";

    private PropertyNames() {}
}
