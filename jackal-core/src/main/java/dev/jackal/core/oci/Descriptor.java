package dev.jackal.core.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An OCI content descriptor: media type, digest, size, and optionally platform and annotations. Fields it does
 * not model ({@code urls}, {@code artifactType}, {@code data}, ...) are kept as read and written back unchanged.
 */
public final class Descriptor {

    /** The annotation jackal writes on each top-level {@code index.json} entry: the fully-qualified reference. */
    public static final String BASE_NAME = "org.opencontainers.image.base.name";

    /** The annotation OCI layout tools (e.g. skopeo's {@code oci:} transport) look entries up by. */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    private static final Set<String> MODELLED = Set.of("mediaType", "digest", "size", "annotations", "platform");

    private final String mediaType;
    private final Digest digest;
    private final long size;
    private final Platform platform;
    private final Map<String, String> annotations;
    private final ObjectNode extra;

    private Descriptor(
            String mediaType,
            Digest digest,
            long size,
            Platform platform,
            Map<String, String> annotations,
            ObjectNode extra) {
        if (mediaType == null || mediaType.isBlank()) {
            throw new IllegalArgumentException("a descriptor needs a media type");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + digest);
        }
        this.mediaType = mediaType;
        this.digest = Objects.requireNonNull(digest, "digest");
        this.size = size;
        this.platform = platform;
        this.annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
        this.extra = extra.deepCopy();
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, null, Map.of(), Json.MAPPER.createObjectNode());
    }

    /** Reads a descriptor object; {@code source} names the document for error messages. */
    public static Descriptor fromJson(JsonNode node, String source) {
        if (node == null || !node.isObject()) {
            throw new InvalidManifestException(source, "a descriptor is not a JSON object");
        }
        String mediaType = Json.text(node, "mediaType");
        String digest = Json.text(node, "digest");
        JsonNode size = node.get("size");
        if (mediaType == null || digest == null || size == null || !size.canConvertToLong() || size.asLong() < 0) {
            throw new InvalidManifestException(source, "a descriptor needs mediaType, digest and a size >= 0");
        }
        Digest parsed;
        try {
            parsed = Digest.of(digest);
        } catch (InvalidDigestException e) {
            throw new InvalidManifestException(source, e.getMessage());
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        JsonNode rawAnnotations = node.get("annotations");
        if (rawAnnotations != null && rawAnnotations.isObject()) {
            rawAnnotations
                    .properties()
                    .forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
        }
        ObjectNode extra = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!MODELLED.contains(field.getKey())) {
                extra.set(field.getKey(), field.getValue());
            }
        }
        return new Descriptor(mediaType, parsed, size.asLong(), platform(node.get("platform")), annotations, extra);
    }

    private static Platform platform(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        List<String> features = new ArrayList<>();
        JsonNode rawFeatures = node.get("os.features");
        if (rawFeatures != null && rawFeatures.isArray()) {
            rawFeatures.forEach(f -> features.add(f.asText()));
        }
        String os = Json.text(node, "os");
        String architecture = Json.text(node, "architecture");
        return new Platform(
                os == null ? "" : os,
                architecture == null ? "" : architecture,
                Json.text(node, "variant"),
                Json.text(node, "os.version"),
                features);
    }

    /** The descriptor as JSON: modelled fields first, in a fixed order, then the kept unknown fields. */
    public ObjectNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("mediaType", mediaType);
        node.put("digest", digest.toString());
        node.put("size", size);
        if (!annotations.isEmpty()) {
            ObjectNode a = node.putObject("annotations");
            annotations.forEach(a::put);
        }
        if (platform != null) {
            ObjectNode p = node.putObject("platform");
            p.put("architecture", platform.architecture());
            p.put("os", platform.os());
            if (platform.osVersion() != null) {
                p.put("os.version", platform.osVersion());
            }
            if (!platform.osFeatures().isEmpty()) {
                ArrayNode features = p.putArray("os.features");
                platform.osFeatures().forEach(features::add);
            }
            if (platform.variant() != null) {
                p.put("variant", platform.variant());
            }
        }
        node.setAll(extra.deepCopy());
        return node;
    }

    public String mediaType() {
        return mediaType;
    }

    public Digest digest() {
        return digest;
    }

    public long size() {
        return size;
    }

    public Optional<Platform> platform() {
        return Optional.ofNullable(platform);
    }

    public Map<String, String> annotations() {
        return annotations;
    }

    public Optional<String> annotation(String key) {
        return Optional.ofNullable(annotations.get(key));
    }

    /** This descriptor with {@code key} set to {@code value} (added last, or replaced in place). */
    public Descriptor withAnnotation(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(annotations);
        copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new Descriptor(mediaType, digest, size, platform, copy, extra);
    }

    /** This descriptor with exactly {@code annotations}. */
    public Descriptor withAnnotations(Map<String, String> annotations) {
        return new Descriptor(mediaType, digest, size, platform, annotations, extra);
    }

    /** This descriptor with {@code platform}, or without one when null. */
    public Descriptor withPlatform(Platform platform) {
        return new Descriptor(mediaType, digest, size, platform, annotations, extra);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Descriptor d
                && d.mediaType.equals(mediaType)
                && d.digest.equals(digest)
                && d.size == size
                && Objects.equals(d.platform, platform)
                && d.annotations.equals(annotations)
                && d.extra.equals(extra);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mediaType, digest, size, platform, annotations, extra);
    }

    @Override
    public String toString() {
        return mediaType + " " + digest + " (" + size + " bytes)";
    }
}
