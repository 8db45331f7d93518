package dev.jackal.core.publish;

import dev.jackal.core.JackalException;
import dev.jackal.core.OfflineException;
import dev.jackal.core.compose.SkeletonArchive;
import dev.jackal.core.compose.SkeletonImportException;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.create.CreateOptions;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.oci.CredentialProvider;
import dev.jackal.core.oci.DockerConfigCredentials;
import dev.jackal.core.remote.PackageUrl;
import dev.jackal.core.remote.RemoteOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves {@code import.url: oci://REGISTRY/REPOSITORY/NAME:VERSION} (spec §3.6): pulls the {@code skeleton} entry of
 * the published package with {@link PackagePuller} (checksums verified) and unpacks it under
 * {@code <cache>/skeletons/<sha256 of the URL>/}, so composition reads it like a local skeleton. The pulled archive is
 * kept there; a second create pulls again (the tag may have moved) and unpacks only when the bytes changed. Offline,
 * no registry is asked: the skeleton a previous online create unpacked completely (see
 * {@link SkeletonArchive#unpacked}) is used with a warning, and a URL never pulled fails with a
 * {@link SkeletonImportException} caused by an {@link OfflineException}, whose front end says how to fill the cache.
 * Each URL is resolved once per instance, so a create's fingerprint and its build see the same skeleton.
 * {@code import.maven} and skeleton archives named by {@code import.path} are left to {@code fallback}.
 */
public final class OciSkeletons implements SkeletonResolver {

    private final EventHandler events;
    private final Path cacheDir;
    private final Path tempRoot;
    private final RemoteOptions options;
    private final SkeletonResolver fallback;
    private final boolean offline;
    private final Map<String, Path> resolved = new ConcurrentHashMap<>();

    /**
     * @param cacheDir jackal's cache; skeletons go to its {@code skeletons/} directory
     * @param tempRoot where pulls stage their files
     * @param options registry options and credentials
     * @param fallback what resolves {@code import.maven} and archives ({@link SkeletonResolver#LOCAL_ONLY} outside
     *     a build tool)
     * @param offline ask no registry: take each skeleton from {@code cacheDir}
     */
    public OciSkeletons(
            EventHandler events,
            Path cacheDir,
            Path tempRoot,
            RemoteOptions options,
            SkeletonResolver fallback,
            boolean offline) {
        this.events = events;
        this.cacheDir = cacheDir;
        this.tempRoot = tempRoot;
        this.options = options;
        this.fallback = fallback;
        this.offline = offline;
    }

    /**
     * The resolver of one create run: its registry flags (plain HTTP, TLS, retries, bounds, concurrency) and cache,
     * the Docker config's credentials, its offline switch; staging under {@code <cache>/tmp}.
     */
    public static OciSkeletons forCreate(EventHandler events, CreateOptions create, SkeletonResolver fallback) {
        return forCreate(events, create, DockerConfigCredentials.fromEnvironment(), fallback);
    }

    /**
     * As {@link #forCreate(EventHandler, CreateOptions, SkeletonResolver)} with the front end's own credentials
     * (e.g. a build tool's servers before the Docker config), the ones its image pulls use.
     */
    public static OciSkeletons forCreate(
            EventHandler events, CreateOptions create, CredentialProvider credentials, SkeletonResolver fallback) {
        RemoteOptions options = RemoteOptions.defaults()
                .withRegistry(create.registryOptions())
                .withCredentials(credentials)
                .withConcurrency(create.ociConcurrency());
        return new OciSkeletons(
                events, create.cacheDir(), create.cacheDir().resolve("tmp"), options, fallback, create.offline());
    }

    @Override
    public Path url(String url) {
        if (!PackageUrl.isOci(url)) {
            throw new SkeletonImportException(
                    url,
                    "import.url '" + url + "' is not an OCI reference: write oci://REGISTRY/REPOSITORY/NAME:VERSION"
                            + " (a skeleton published with jackal package publish DIR or mvn jackal:publish)");
        }
        return resolved.computeIfAbsent(url, this::resolve);
    }

    private Path resolve(String url) {
        Path dir = cacheDir.resolve("skeletons").resolve(hash(url));
        return offline ? cached(url, dir.resolve("unpacked")) : pull(url, dir);
    }

    private Path pull(String url, Path dir) {
        PullResult pulled;
        try {
            Files.createDirectories(tempRoot);
            pulled = new PackagePuller(events, tempRoot)
                    .pull(new PullRequest(
                            url, Optional.of(SkeletonArchive.ARCHITECTURE), dir.resolve("pulled"), options));
        } catch (IOException e) {
            throw new SkeletonImportException(url, "cannot create " + tempRoot + ": " + e.getMessage(), e);
        } catch (SkeletonImportException e) {
            throw e;
        } catch (JackalException e) {
            throw new SkeletonImportException(url, "cannot pull the skeleton " + url + ": " + e.getMessage(), e);
        }
        return SkeletonArchive.unpack(pulled.archive(), dir.resolve("unpacked"), url);
    }

    /** Offline: the skeleton an online create unpacked completely, else an {@link OfflineException} in the cause. */
    private Path cached(String url, Path unpackedDir) {
        SkeletonArchive.Unpacked unpacked = SkeletonArchive.unpacked(unpackedDir)
                .orElseThrow(() -> {
                    OfflineException offlineException = new OfflineException("skeleton " + url);
                    return new SkeletonImportException(url, offlineException.getMessage(), offlineException);
                });
        events.warn("offline: skeleton " + url + " is taken from the cache (pulled "
                + unpacked.unpackedAt().truncatedTo(ChronoUnit.SECONDS) + ", archive sha256:"
                + unpacked.archiveSha256().substring(0, 12) + "); the registry is not asked whether it moved");
        return unpacked.dir();
    }

    @Override
    public Path maven(String coordinates) {
        return fallback.maven(coordinates);
    }

    @Override
    public Path unpack(Path archive, String source) {
        return fallback.unpack(archive, source);
    }

    private static String hash(String url) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
