package dev.jackal.core.oci;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link ImageCopier} pulls: the platform chosen from indexes pulled by tag, how many blobs download at once
 * (over all images), registry overrides, and the progress listener.
 */
public final class PullOptions {

    /** Blobs downloaded at once, over all images of a pull. */
    public static final int DEFAULT_CONCURRENCY = 3;

    private final Platform platform;
    private final int concurrency;
    private final List<RegistryOverride> overrides;
    private final OciProgressListener listener;
    private final List<OciLayout> localLayouts;
    private final boolean offline;

    private PullOptions(
            Platform platform,
            int concurrency,
            List<RegistryOverride> overrides,
            OciProgressListener listener,
            List<OciLayout> localLayouts,
            boolean offline) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        this.platform = Objects.requireNonNull(platform, "platform");
        this.concurrency = concurrency;
        this.overrides = List.copyOf(overrides);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.localLayouts = List.copyOf(localLayouts);
        this.offline = offline;
    }

    /** {@code linux/<architecture>} (e.g. {@code amd64}, {@code arm64}, {@code arm/v7}), other settings default. */
    public static PullOptions forArchitecture(String architecture) {
        return new PullOptions(
                Platform.linux(architecture),
                DEFAULT_CONCURRENCY,
                List.of(),
                OciProgressListener.NONE,
                List.of(),
                false);
    }

    /** For the architecture of this JVM's host. */
    public static PullOptions forHost() {
        String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
        return forArchitecture(
                switch (arch) {
                    case "x86_64", "amd64" -> "amd64";
                    case "aarch64", "arm64" -> "arm64";
                    default -> arch;
                });
    }

    public PullOptions withConcurrency(int concurrency) {
        return new PullOptions(platform, concurrency, overrides, listener, localLayouts, offline);
    }

    public PullOptions withOverrides(List<RegistryOverride> overrides) {
        return new PullOptions(platform, concurrency, overrides, listener, localLayouts, offline);
    }

    public PullOptions withListener(OciProgressListener listener) {
        return new PullOptions(platform, concurrency, overrides, listener, localLayouts, offline);
    }

    /**
     * Local OCI layouts searched first, in order: an image named in one of them (by its base or ref name
     * annotation) is copied from there byte for byte and no registry is asked for it.
     */
    public PullOptions withLocalLayouts(List<OciLayout> layouts) {
        return new PullOptions(platform, concurrency, overrides, listener, layouts, offline);
    }

    /**
     * No registry is asked anything: manifests and blobs come from the cache, and a tag names the digest it named
     * when it was last resolved online ({@link TagCache}); anything missing fails with an
     * {@link dev.jackal.core.OfflineException}.
     */
    public PullOptions withOffline(boolean offline) {
        return new PullOptions(platform, concurrency, overrides, listener, localLayouts, offline);
    }

    public boolean offline() {
        return offline;
    }

    public List<OciLayout> localLayouts() {
        return localLayouts;
    }

    public Platform platform() {
        return platform;
    }

    public int concurrency() {
        return concurrency;
    }

    public List<RegistryOverride> overrides() {
        return overrides;
    }

    public OciProgressListener listener() {
        return listener;
    }

    /**
     * Where to pull {@code reference} from: the most specific override that applies (the longest source, so
     * {@code docker.io/library} beats {@code docker.io} whatever order they were given in), else the reference
     * itself.
     */
    public ImageReference source(ImageReference reference) {
        ImageReference best = reference;
        int bestLength = -1;
        for (RegistryOverride override : overrides) {
            Optional<ImageReference> moved = override.apply(reference);
            if (moved.isPresent() && override.source().length() > bestLength) {
                best = moved.get();
                bestLength = override.source().length();
            }
        }
        return best;
    }
}
