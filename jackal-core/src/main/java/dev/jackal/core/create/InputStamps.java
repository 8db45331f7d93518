package dev.jackal.core.create;

import dev.jackal.core.JackalVersion;
import dev.jackal.core.archive.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The cheap twin of a {@link CreateFingerprint}: the settings of a create as one key, and the size and modification
 * time of every local file and directory the fingerprint read (the definitions included). When none of them changed,
 * the fingerprint cannot have changed either, so a front end can call a package up to date without reading the
 * definition at all, which in a fresh JVM costs most of the check (the YAML and model classes load cold).
 *
 * <p>This is the rule {@code make}, Maven's incremental build and git's index use, with git's guard against racy
 * stamps: a file whose modification time is not at least {@link #RACY} older than the moment the stamps were taken
 * could have changed within the file system's time resolution after it was read, so it never counts as unchanged.
 * A directory's stamp catches entries added or removed in it. Only a create whose inputs are all local has stamps
 * ({@link CreateFingerprint#stamps()}): remote skeletons and offline caches are not tracked by them.
 *
 * @param settings {@link #settingsKey} of the options the stamps were taken with
 * @param files each input's absolute path and its stamp ({@code f <size> <mtime>}, {@code d <mtime>} or
 *     {@code missing})
 * @param taken when the stamps were taken, before any input was read
 */
public record InputStamps(String settings, Map<String, String> files, Instant taken) {

    /** How much older than {@code taken} an input must be for its stamp to be trusted. */
    public static final Duration RACY = Duration.ofSeconds(2);

    public InputStamps {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(taken, "taken");
        files = Map.copyOf(files);
    }

    /**
     * Whether a create with {@code options} would read exactly the inputs these stamps were taken from: the same
     * settings, and every file and directory with the same stamp, none of them racy.
     */
    public boolean unchanged(CreateOptions options) {
        if (!settings.equals(settingsKey(options))) {
            return false;
        }
        Instant trusted = taken.minus(RACY);
        for (Map.Entry<String, String> input : files.entrySet()) {
            Optional<BasicFileAttributes> attributes = attributes(Path.of(input.getKey()));
            if (!input.getValue().equals(stamp(attributes))) {
                return false;
            }
            if (attributes.isPresent()
                    && !attributes.get().lastModifiedTime().toInstant().isBefore(trusted)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The settings of {@code options} that decide what a create of an unchanged definition writes, as a SHA-256:
     * jackal's version, the directories, architecture (and the host's, the default), flavor, set values, registry
     * overrides, SBOMs, split size, compression, build time, the default version, image layouts and archives, offline.
     * Transport settings (TLS, retries, proxies, timeouts) are left out: they change how bytes move, not which.
     */
    public static String settingsKey(CreateOptions options) {
        Map<String, String> lines = new TreeMap<>();
        lines.put("jackal", JackalVersion.get());
        lines.put("packageDir", absolute(options.packageDir()));
        lines.put("outputDir", absolute(options.outputDir()));
        lines.put("cacheDir", absolute(options.cacheDir()));
        lines.put("architecture", String.valueOf(options.architecture()));
        lines.put("host", Architectures.host());
        lines.put("flavor", options.flavor());
        lines.put("set", new TreeMap<>(options.set()).toString());
        lines.put("registryOverrides", options.registryOverrides().toString());
        lines.put("skipSbom", String.valueOf(options.skipSbom()));
        lines.put("maxPackageSizeMb", String.valueOf(options.maxPackageSizeMb()));
        lines.put("compressionLevel", String.valueOf(options.compressionLevel()));
        lines.put("timestamp", String.valueOf(options.timestamp()));
        lines.put("recordBuilder", String.valueOf(options.recordBuilder()));
        lines.put("extraSboms", new TreeMap<>(options.extraSboms()).toString());
        lines.put("defaultVersion", String.valueOf(options.defaultVersion()));
        lines.put(
                "imageLayouts",
                options.imageLayouts().stream()
                        .map(InputStamps::absolute)
                        .toList()
                        .toString());
        lines.put("imageArchives", options.imageArchives().toString());
        lines.put("offline", String.valueOf(options.offline()));
        MessageDigest sha = Sha256.newDigest();
        lines.forEach((key, value) -> sha.update((key + "\u0000" + value + "\u0000").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The stamp of {@code path}: kind, size for a file, and modification time; {@code missing} when absent. */
    static String stamp(Path path) {
        return stamp(attributes(path));
    }

    private static String stamp(Optional<BasicFileAttributes> read) {
        if (read.isEmpty()) {
            return "missing";
        }
        BasicFileAttributes attributes = read.get();
        String modified = attributes.lastModifiedTime().toInstant().toString();
        if (attributes.isDirectory()) {
            return "d " + modified;
        }
        return (attributes.isSymbolicLink() ? "l " : "f ") + attributes.size() + " " + modified;
    }

    /** The attributes of {@code path} itself (a link is not followed); empty when it cannot be read. */
    private static Optional<BasicFileAttributes> attributes(Path path) {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String absolute(Path path) {
        return path == null ? "" : path.toAbsolutePath().normalize().toString();
    }
}
