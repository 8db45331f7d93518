package dev.jackal.injector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.Digest;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.ManifestContent;
import dev.jackal.core.oci.OciException;
import dev.jackal.core.oci.OciLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the seed OCI layout holds (spec §7.5 step 4): one {@code index.json} entry per seed image, named by its
 * path and tag or digest <em>without</em> the registry host (kubelet asks the injector for
 * {@code /v2/<path>/manifests/<tag>}), and the set of blobs those images need, each once. Pure planning: the
 * source layout is only read.
 */
record SeedLayout(byte[] indexJson, SortedMap<Digest, Long> blobs) {

    static final String MEDIA_TYPE_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Plans the layout of {@code images} (duplicates removed) taken from {@code source}. */
    static SeedLayout plan(OciLayout source, List<ImageReference> images) {
        Map<String, ImageReference> byName = new LinkedHashMap<>();
        for (ImageReference image : images) {
            ImageReference clash = byName.putIfAbsent(seedName(image), image);
            if (clash != null && !clash.equals(image)) {
                throw new SeedPayloadException(
                        image.toString(),
                        "seed images " + clash + " and " + image + " are both served as " + seedName(image)
                                + " by the injector; keep one of them in the seed component");
            }
        }
        SortedMap<Digest, Long> blobs = new TreeMap<>();
        List<Descriptor> entries = new ArrayList<>();
        byName.forEach((name, image) -> {
            Descriptor top = source.findEntry(image)
                    .orElseThrow(() -> new SeedPayloadException(
                            image.toString(),
                            "seed image " + image + " is not in the OCI layout " + source.directory()
                                    + "; add it to the package's images"));
            collect(source, image, top, blobs, true);
            entries.add(Descriptor.of(top.mediaType(), top.digest(), top.size())
                    .withAnnotation(Descriptor.BASE_NAME, name));
        });
        return new SeedLayout(indexJson(entries), blobs);
    }

    /** {@code <path>:<tag>}, or {@code <path>@<digest>} for a reference with a digest. */
    static String seedName(ImageReference image) {
        return image.repository() + image.digest().map(d -> "@" + d).orElseGet(() -> ":" + image.tagOrDigest());
    }

    /**
     * Adds the manifest {@code descriptor} and everything it references. An index's children that the layout
     * does not hold are left out (create pulls one platform of a multi-platform image); a missing blob of an image
     * manifest is an error.
     */
    private static void collect(
            OciLayout source, ImageReference image, Descriptor descriptor, Map<Digest, Long> blobs, boolean top) {
        ManifestContent manifest;
        try {
            manifest = source.read(descriptor.digest(), descriptor.mediaType(), image.toString());
        } catch (OciException e) {
            throw new SeedPayloadException(
                    image.toString(), "seed image " + image + " cannot be read: " + e.getMessage(), e);
        }
        blobs.put(manifest.digest(), (long) manifest.size());
        for (Descriptor blob : manifest.blobs()) {
            if (!source.hasBlob(blob.digest())) {
                throw new SeedPayloadException(
                        image.toString(),
                        "seed image " + image + " is incomplete: blob " + blob.digest() + " is not in "
                                + source.directory());
            }
            blobs.put(blob.digest(), blob.size());
        }
        int children = 0;
        for (Descriptor child : manifest.manifests()) {
            if (source.hasBlob(child.digest())) {
                collect(source, image, child, blobs, false);
                children++;
            }
        }
        if (top && manifest.isIndex() && children == 0) {
            throw new SeedPayloadException(
                    image.toString(),
                    "seed image " + image + " is an index none of whose platforms is in " + source.directory());
        }
    }

    private static byte[] indexJson(List<Descriptor> entries) {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MEDIA_TYPE_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        entries.forEach(e -> manifests.add(e.toJson()));
        try {
            return JSON.writeValueAsBytes(index);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the seed index", e);
        }
    }
}
