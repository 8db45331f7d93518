package dev.jackal.maven;

/** The {@code -Djackal.*} user properties; each beats the matching POM parameter. */
public final class PropertyNames {

    public static final String SKIP = "jackal.skip";
    public static final String PACKAGE_DIRECTORY = "jackal.packageDirectory";
    public static final String OUTPUT_DIRECTORY = "jackal.outputDirectory";
    public static final String ARCHITECTURE = "jackal.architecture";
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
    public static final String RECORD_BUILDER = "jackal.recordBuilder";
    public static final String SOURCE = "jackal.source";
    public static final String LIST_IMAGES = "jackal.listImages";
    public static final String SBOM_OUT = "jackal.sbomOut";
    public static final String SHASUM = "jackal.shasum";

    private PropertyNames() {}
}
