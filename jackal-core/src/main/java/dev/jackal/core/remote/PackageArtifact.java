package dev.jackal.core.remote;

import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.model.Metadata;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of a package in a registry (spec §4.1): one OCI image manifest per architecture (and one for the
 * skeleton) whose config is {@value #CONFIG_MEDIA_TYPE} and whose layers are the package's files, one each, typed
 * {@value #LAYER_MEDIA_TYPE} and named by {@value #TITLE}; the tag {@code <version>[-<flavor>]} points at an OCI index
 * that lists those manifests with the platform {@code multi/<architecture>}.
 */
public final class PackageArtifact {

    public static final String CONFIG_MEDIA_TYPE = "application/vnd.jackal.config.v1+json";
    public static final String LAYER_MEDIA_TYPE = "application/vnd.jackal.layer.v1.blob";

    /** The types of a package published by Zarf, accepted when reading. */
    public static final String ZARF_CONFIG_MEDIA_TYPE = "application/vnd.zarf.config.v1+json";

    public static final String ZARF_LAYER_MEDIA_TYPE = "application/vnd.zarf.layer.v1.blob";

    /** The OS of every package manifest in the index; the architecture is the package's, or {@value #SKELETON}. */
    public static final String PLATFORM_OS = "multi";

    public static final String SKELETON = "skeleton";

    public static final String TITLE = "org.opencontainers.image.title";
    public static final String DESCRIPTION = "org.opencontainers.image.description";
    public static final String CREATED = "org.opencontainers.image.created";

    /** The OCI version the config names. */
    static final String OCI_VERSION = "1.1.0";

    private static final Set<String> CONFIG_TYPES = Set.of(CONFIG_MEDIA_TYPE, ZARF_CONFIG_MEDIA_TYPE);

    private PackageArtifact() {}

    /** Whether {@code mediaType} is the config type of a package (jackal's or Zarf's). */
    public static boolean isPackageConfig(String mediaType) {
        return CONFIG_TYPES.contains(mediaType);
    }

    /** The tag of {@code pkg}: {@code <version>[-<flavor>]}; a package without a version cannot be published. */
    public static String tag(JackalPackage pkg, String destination) {
        String version = pkg.metadata().version();
        if (version == null || version.isBlank()) {
            throw new RemotePackageException(
                    destination,
                    "package " + pkg.metadata().name() + " has no metadata.version: a version is required for"
                            + " publishing (it becomes the tag); set metadata.version in jackal.yaml");
        }
        String flavor = pkg.build() == null ? null : pkg.build().flavor();
        return flavor == null || flavor.isEmpty() ? version : version + "-" + flavor;
    }

    /** The package's architecture as the index records it: {@code build.architecture}, else the metadata's. */
    public static String architecture(JackalPackage pkg) {
        if (pkg.build() != null
                && pkg.build().architecture() != null
                && !pkg.build().architecture().isEmpty()) {
            return pkg.build().architecture();
        }
        String arch = pkg.metadata().architecture();
        return arch == null ? "" : arch;
    }

    /**
     * The manifest's annotations: title (the name), description, and the URL, authors, documentation, source and
     * vendor when set, and the build time as {@value #CREATED} when it can be read.
     */
    public static Map<String, String> annotations(JackalPackage pkg) {
        Metadata m = pkg.metadata();
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(TITLE, m.name());
        annotations.put(DESCRIPTION, m.description() == null ? "" : m.description());
        put(annotations, "org.opencontainers.image.url", m.url());
        put(annotations, "org.opencontainers.image.authors", m.authors());
        put(annotations, "org.opencontainers.image.documentation", m.documentation());
        put(annotations, "org.opencontainers.image.source", m.source());
        put(annotations, "org.opencontainers.image.vendor", m.vendor());
        if (pkg.build() != null && pkg.build().timestamp() != null) {
            created(pkg.build().timestamp()).ifPresent(t -> annotations.put(CREATED, t));
        }
        return annotations;
    }

    /** The build timestamp ({@code Mon, 02 Jan 2006 15:04:05 -0700}) in RFC 3339 UTC. */
    static Optional<String> created(String timestamp) {
        for (DateTimeFormatter format : List.of(
                DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US),
                DateTimeFormatter.RFC_1123_DATE_TIME,
                DateTimeFormatter.ISO_OFFSET_DATE_TIME)) {
            try {
                return Optional.of(ZonedDateTime.parse(timestamp, format)
                        .withZoneSameInstant(ZoneOffset.UTC)
                        .format(DateTimeFormatter.ISO_INSTANT));
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    private static void put(Map<String, String> annotations, String key, String value) {
        if (value != null && !value.isEmpty()) {
            annotations.put(key, value);
        }
    }
}
