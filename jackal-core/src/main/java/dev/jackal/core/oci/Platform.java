package dev.jackal.core.oci;

import java.util.List;
import java.util.Objects;

/**
 * The platform of a manifest in an index: {@code os}, {@code architecture} and the optional {@code variant},
 * {@code os.version} and {@code os.features}.
 *
 * @param os e.g. {@code linux}
 * @param architecture e.g. {@code amd64}
 * @param variant e.g. {@code v8}, or null
 * @param osVersion or null
 * @param osFeatures possibly empty
 */
public record Platform(String os, String architecture, String variant, String osVersion, List<String> osFeatures) {

    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        osFeatures = osFeatures == null ? List.of() : List.copyOf(osFeatures);
    }

    /** Parses {@code os/architecture[/variant]}, e.g. {@code linux/arm64/v8}. */
    public static Platform parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("a platform is os/architecture[/variant], not " + text);
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null, null, List.of());
    }

    /** {@code linux/<architecture>}. */
    public static Platform linux(String architecture) {
        return parse("linux/" + architecture);
    }

    /** Whether a manifest for {@code candidate} serves this platform: same OS and architecture, and variant. */
    public boolean matches(Platform candidate) {
        return os.equals(candidate.os)
                && architecture.equals(candidate.architecture)
                && (variant == null || variant.equals(candidate.variant));
    }

    /** {@code os/architecture[/variant]}. */
    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
