package dev.jackal.core.publish;

import dev.jackal.core.JackalException;
import dev.jackal.core.compose.SkeletonArchive;
import dev.jackal.core.compose.SkeletonImportException;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.create.CreateOptions;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.remote.PackageUrl;
import dev.jackal.core.remote.RemoteOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Resolves {@code import.url: oci://REGISTRY/REPOSITORY/NAME:VERSION} (spec §3.6): pulls the {@code skeleton} entry of
 * the published package with {@link PackagePuller} (checksums verified) and unpacks it under
 * {@code <cache>/skeletons/<sha256 of the URL>/}, so composition reads it like a local skeleton. The pulled archive is
 * kept there; a second create pulls again (the tag may have moved) and unpacks only when the bytes changed.
 * {@code import.maven} and skeleton archives named by {@code import.path} are left to {@code fallback}.
 */
public final class OciSkeletons implements SkeletonResolver {

    private final EventHandler events;
    private final Path cacheDir;
    private final Path tempRoot;
    private final RemoteOptions options;
    private final SkeletonResolver fallback;

    /**
     * @param cacheDir jackal's cache; skeletons go to its {@code skeletons/} directory
     * @param tempRoot where pulls stage their files
     * @param options registry options and credentials
     * @param fallback what resolves {@code import.maven} and archives ({@link SkeletonResolver#LOCAL_ONLY} outside
     *     a build tool)
     */
    public OciSkeletons(
            EventHandler events, Path cacheDir, Path tempRoot, RemoteOptions options, SkeletonResolver fallback) {
        this.events = events;
        this.cacheDir = cacheDir;
        this.tempRoot = tempRoot;
        this.options = options;
        this.fallback = fallback;
    }

    /**
     * The resolver of one create run: its registry flags (plain HTTP, TLS, retries, bounds, concurrency) and cache,
     * the Docker config's credentials; staging under {@code <cache>/tmp}.
     */
    public static OciSkeletons forCreate(EventHandler events, CreateOptions create, SkeletonResolver fallback) {
        RemoteOptions options = RemoteOptions.defaults()
                .withRegistry(create.registryOptions())
                .withConcurrency(create.ociConcurrency());
        return new OciSkeletons(events, create.cacheDir(), create.cacheDir().resolve("tmp"), options, fallback);
    }

    @Override
    public Path url(String url) {
        if (!PackageUrl.isOci(url)) {
            throw new SkeletonImportException(
                    url,
                    "import.url '" + url + "' is not an OCI reference: write oci://REGISTRY/REPOSITORY/NAME:VERSION"
                            + " (a skeleton published with jackal package publish DIR or mvn jackal:publish)");
        }
        Path dir = cacheDir.resolve("skeletons").resolve(hash(url));
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
