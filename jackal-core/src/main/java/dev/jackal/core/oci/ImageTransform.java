package dev.jackal.core.oci;

import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Where an image lives once it is in the air-gap registry (spec §6.5): the deploy pushes every image under both
 * names, and the agent rewrites pods to the first. The checksum form keeps images of different registries with the
 * same path apart: {@code <target>/<path>:<tag>-<tool>-<crc32 of the full name>} for a tag, the digest itself for a
 * digest. A reference that already starts with the target is left as it is, so a second pass changes nothing.
 */
public final class ImageTransform {

    /** The word between tag and checksum in the packages this tool pushes. */
    public static final String JACKAL = "jackal";

    private static final String OCI_SCHEME = "oci://";

    private final String tool;

    private ImageTransform(String tool) {
        this.tool = tool;
    }

    /** Jackal's names ({@code :1.25-jackal-<crc>}). */
    public static ImageTransform jackal() {
        return new ImageTransform(JACKAL);
    }

    /** The names another tool of the family writes, such as {@code zarf}, for clusters it initialised. */
    public static ImageTransform named(String tool) {
        if (tool == null || !tool.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("the tool name must be lower-case letters and digits: " + tool);
        }
        return new ImageTransform(tool);
    }

    /**
     * The checksum name of {@code source} in the registry {@code target} (a host, optionally with a path).
     *
     * @throws InvalidReferenceException when {@code source} is not an image reference
     */
    public String withChecksum(String target, String source) {
        Objects.requireNonNull(target, "target");
        String text = stripScheme(source);
        if (text.startsWith(target)) {
            return text;
        }
        ImageReference ref = ImageReference.parse(text);
        String path = target + "/" + ref.repository();
        if (ref.digest().isPresent()) {
            return path + "@" + ref.digest().get();
        }
        return path + ":" + ref.tag().orElse(ImageReference.DEFAULT_TAG) + "-" + tool + "-" + checksum(ref);
    }

    /** The plain name of {@code source} in {@code target}: the same path and tag or digest. */
    public String withoutChecksum(String target, String source) {
        Objects.requireNonNull(target, "target");
        String text = stripScheme(source);
        if (text.startsWith(target)) {
            return text;
        }
        ImageReference ref = ImageReference.parse(text);
        String suffix =
                ref.digest().map(d -> "@" + d).orElseGet(() -> ":" + ref.tag().orElseThrow());
        return target + "/" + ref.repository() + suffix;
    }

    /** The unsigned decimal CRC-32 (IEEE) of the reference's full name, e.g. of {@code docker.io/library/nginx}. */
    public static long checksum(ImageReference ref) {
        CRC32 crc = new CRC32();
        crc.update(ref.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return crc.getValue();
    }

    private static String stripScheme(String source) {
        if (source == null) {
            throw new InvalidReferenceException(null, "an image reference is required");
        }
        return source.startsWith(OCI_SCHEME) ? source.substring(OCI_SCHEME.length()) : source;
    }
}
