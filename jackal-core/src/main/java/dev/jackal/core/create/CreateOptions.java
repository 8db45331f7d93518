package dev.jackal.core.create;

import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.net.HttpProxy;
import dev.jackal.core.net.TransferBounds;
import dev.jackal.core.oci.RegistryOptions;
import dev.jackal.core.template.CreateTemplater;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What {@code package create} is asked to do. Build with {@link #builder(Path)}.
 *
 * @param packageDir the directory with {@code jackal.yaml}
 * @param outputDir where the archive goes
 * @param architecture {@code --architecture}, or null for the definition's or the host's
 * @param flavor {@code --flavor}, or empty
 * @param set {@code --set KEY=value} for {@code ###JACKAL_PKG_TMPL_KEY###}
 * @param missingValues what to do about template keys that {@code set} lacks
 * @param skipSbom {@code --skip-sbom}
 * @param maxPackageSizeMb {@code --max-package-size}; 0 keeps one file
 * @param registryOverrides {@code --registry-override src=dst}
 * @param plainHttp talk plain HTTP to image registries
 * @param insecureSkipTlsVerify do not verify registries' TLS certificates
 * @param retries attempts for image pulls
 * @param network timeouts and minimum rate of every download (images, charts, files, git)
 * @param ociConcurrency blobs fetched at once, over all images
 * @param cacheDir {@code ~/.jackal-cache}; also holds the staging areas of running creates ({@code tmp/})
 * @param compressionLevel the zstd level of the outer archive
 * @param confirmation asked with the prepared definition before anything is built; false stops create
 * @param extraSboms more SBOM documents for {@code sboms.tar}, by file name (e.g. a build tool's dependencies)
 * @param recordBuilder write this machine's host name and the user's name into {@code build.terminal} and
 *     {@code build.user}; off by default, so packages say nothing about who built them where
 * @param imageLayouts {@code --image-layout}: local OCI layouts searched first for each image; an image named in one
 *     (by its {@code org.opencontainers.image.base.name} or {@code ref.name} annotation) is copied from there byte for
 *     byte and no registry is contacted for it
 * @param timestamp {@code build.timestamp} of the package, or null for the time of the create; a fixed time
 *     (e.g. Maven's {@code project.build.outputTimestamp} or {@code SOURCE_DATE_EPOCH}, see {@link SourceDateEpoch})
 *     makes the archive itself byte-for-byte reproducible, and then {@code recordBuilder} is ignored: a reproducible
 *     package says nothing about the machine that built it
 * @param defaultVersion {@code metadata.version} of a definition that has none (e.g. Maven's
 *     {@code project.version}), or null to leave it out
 * @param imageArchives OCI image layouts packed as tars (Jib's {@code jib:buildTar} with the OCI format): each image
 *     in one, named by its {@code ref.name} annotation, is copied from there byte for byte, and must be listed under a
 *     component's {@code images}; see {@link ImageArchive}
 * @param offline touch no network: images, tags, remote files, charts, git repositories and {@code import.url}
 *     skeletons (with {@code OciSkeletons.forCreate}) come from {@code cacheDir} (which every online create fills),
 *     and anything missing there fails with an {@link dev.jackal.core.OfflineException}
 * @param proxy the HTTP proxy that image registries (pulls and {@code import.url} skeletons), remote files, Helm
 *     repository charts and git repositories are reached through, or null to connect directly
 */
public record CreateOptions(
        Path packageDir,
        Path outputDir,
        String architecture,
        String flavor,
        Map<String, String> set,
        CreateTemplater.MissingValues missingValues,
        boolean skipSbom,
        int maxPackageSizeMb,
        Map<String, String> registryOverrides,
        boolean plainHttp,
        boolean insecureSkipTlsVerify,
        int retries,
        TransferBounds network,
        int ociConcurrency,
        Path cacheDir,
        int compressionLevel,
        Predicate<JackalPackage> confirmation,
        Map<String, String> extraSboms,
        boolean recordBuilder,
        List<Path> imageLayouts,
        Instant timestamp,
        String defaultVersion,
        List<ImageArchive> imageArchives,
        boolean offline,
        HttpProxy proxy) {

    public CreateOptions {
        Objects.requireNonNull(packageDir, "packageDir");
        Objects.requireNonNull(outputDir, "outputDir");
        flavor = flavor == null ? "" : flavor;
        set = Map.copyOf(set);
        // sorted, so build.registryOverrides is written the same way in every run (Map.copyOf's order is not)
        registryOverrides = Collections.unmodifiableMap(new TreeMap<>(registryOverrides));
        Objects.requireNonNull(missingValues, "missingValues");
        if (maxPackageSizeMb < 0) {
            throw new IllegalArgumentException("--max-package-size must not be negative: " + maxPackageSizeMb);
        }
        if (retries < 1) {
            throw new IllegalArgumentException("--retries must be at least 1: " + retries);
        }
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(confirmation, "confirmation");
        extraSboms = Map.copyOf(extraSboms);
        imageLayouts = List.copyOf(imageLayouts);
        imageArchives = List.copyOf(imageArchives);
        defaultVersion = defaultVersion == null || defaultVersion.isBlank() ? null : defaultVersion.strip();
        if (defaultVersion != null && !dev.jackal.core.definition.PathComponents.isClean(defaultVersion)) {
            throw new IllegalArgumentException("the default version '" + defaultVersion
                    + "' must be usable in a file name: no '/', '\\' or spaces");
        }
        if (ociConcurrency < 1) {
            throw new IllegalArgumentException("--oci-concurrency must be at least 1: " + ociConcurrency);
        }
    }

    /** The registry settings of this run's flags: plain HTTP, TLS verification, retries, network bounds, proxy. */
    public RegistryOptions registryOptions() {
        return RegistryOptions.defaults()
                .withPlainHttp(plainHttp)
                .withInsecureSkipTlsVerify(insecureSkipTlsVerify)
                .withRetries(retries)
                .withBounds(network)
                .withProxy(proxy);
    }

    public static Builder builder(Path packageDir) {
        return new Builder(packageDir);
    }

    /** Builds {@link CreateOptions} with the defaults of the CLI. */
    public static final class Builder {
        private final Path packageDir;
        private Path outputDir = Path.of(".");
        private String architecture;
        private String flavor = "";
        private Map<String, String> set = Map.of();
        private CreateTemplater.MissingValues missingValues = CreateTemplater.MissingValues.REFUSE;
        private boolean skipSbom;
        private int maxPackageSizeMb;
        private Map<String, String> registryOverrides = Map.of();
        private boolean plainHttp;
        private boolean insecureSkipTlsVerify;
        private int retries = 3;
        private TransferBounds network = TransferBounds.defaults();
        private int ociConcurrency = 3;
        private Path cacheDir = Path.of(System.getProperty("user.home"), ".jackal-cache");
        private int compressionLevel = 3;
        private Predicate<JackalPackage> confirmation = pkg -> true;
        private Map<String, String> extraSboms = Map.of();
        private boolean recordBuilder;
        private List<Path> imageLayouts = List.of();
        private Instant timestamp;
        private String defaultVersion;
        private List<ImageArchive> imageArchives = List.of();
        private boolean offline;
        private HttpProxy proxy;

        private Builder(Path packageDir) {
            this.packageDir = packageDir;
        }

        public Builder outputDir(Path value) {
            this.outputDir = value;
            return this;
        }

        public Builder architecture(String value) {
            this.architecture = value;
            return this;
        }

        public Builder flavor(String value) {
            this.flavor = value;
            return this;
        }

        public Builder set(Map<String, String> value) {
            this.set = value;
            return this;
        }

        public Builder missingValues(CreateTemplater.MissingValues value) {
            this.missingValues = value;
            return this;
        }

        public Builder skipSbom(boolean value) {
            this.skipSbom = value;
            return this;
        }

        public Builder maxPackageSizeMb(int value) {
            this.maxPackageSizeMb = value;
            return this;
        }

        public Builder registryOverrides(Map<String, String> value) {
            this.registryOverrides = value;
            return this;
        }

        public Builder plainHttp(boolean value) {
            this.plainHttp = value;
            return this;
        }

        public Builder insecureSkipTlsVerify(boolean value) {
            this.insecureSkipTlsVerify = value;
            return this;
        }

        public Builder retries(int value) {
            this.retries = value;
            return this;
        }

        /** Timeouts and minimum rate of every download; {@link TransferBounds#defaults()} by default. */
        public Builder network(TransferBounds value) {
            this.network = value;
            return this;
        }

        public Builder ociConcurrency(int value) {
            this.ociConcurrency = value;
            return this;
        }

        public Builder cacheDir(Path value) {
            this.cacheDir = value;
            return this;
        }

        public Builder compressionLevel(int value) {
            this.compressionLevel = value;
            return this;
        }

        public Builder confirmation(Predicate<JackalPackage> value) {
            this.confirmation = value;
            return this;
        }

        public Builder extraSboms(Map<String, String> value) {
            this.extraSboms = value;
            return this;
        }

        public Builder recordBuilder(boolean value) {
            this.recordBuilder = value;
            return this;
        }

        /** Local OCI layouts that images are copied from before any registry is asked. */
        public Builder imageLayouts(List<Path> value) {
            this.imageLayouts = value;
            return this;
        }

        /** The package's {@code build.timestamp}; null (the default) for the time of the create. */
        public Builder timestamp(Instant value) {
            this.timestamp = value;
            return this;
        }

        /** The {@code metadata.version} of a definition without one; null (the default) leaves it out. */
        public Builder defaultVersion(String value) {
            this.defaultVersion = value;
            return this;
        }

        /** OCI image archives whose images are copied from there; see {@link ImageArchive}. */
        public Builder imageArchives(List<ImageArchive> value) {
            this.imageArchives = value;
            return this;
        }

        /** Touch no network; everything comes from the cache (false by default). */
        public Builder offline(boolean value) {
            this.offline = value;
            return this;
        }

        /** The HTTP proxy for registries, remote files, charts and git; null (the default) connects directly. */
        public Builder proxy(HttpProxy value) {
            this.proxy = value;
            return this;
        }

        public CreateOptions build() {
            return new CreateOptions(
                    packageDir,
                    outputDir,
                    architecture,
                    flavor,
                    set,
                    missingValues,
                    skipSbom,
                    maxPackageSizeMb,
                    registryOverrides,
                    plainHttp,
                    insecureSkipTlsVerify,
                    retries,
                    network,
                    ociConcurrency,
                    cacheDir,
                    compressionLevel,
                    confirmation,
                    extraSboms,
                    recordBuilder,
                    imageLayouts,
                    timestamp,
                    defaultVersion,
                    imageArchives,
                    offline,
                    proxy);
        }
    }
}
