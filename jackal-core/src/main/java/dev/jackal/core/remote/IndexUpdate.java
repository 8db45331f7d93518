package dev.jackal.core.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.Digest;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.ManifestContent;
import dev.jackal.core.oci.MediaTypes;
import dev.jackal.core.oci.RegistryClient;
import java.util.ArrayList;
import java.util.List;

/**
 * The index a package tag points at, with one entry changed: the entry of the same architecture is replaced in place,
 * or the new one appended, every other entry kept as it was.
 */
final class IndexUpdate {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IndexUpdate() {}

    /** Refuses when {@code tag} holds a manifest of {@code arch} other than {@code digest}. */
    static void requireAbsentOrSame(RegistryClient client, ImageReference tag, String arch, Digest digest) {
        if (client.manifestDigest(tag).isEmpty()) {
            return;
        }
        ManifestContent existing = client.manifest(tag);
        List<Descriptor> entries = existing.isIndex() ? existing.manifests() : List.of(existing.descriptor());
        for (Descriptor entry : entries) {
            boolean sameArch = !existing.isIndex()
                    || entry.platform()
                            .filter(p -> p.architecture().equals(arch))
                            .isPresent();
            if (sameArch && !entry.digest().equals(digest)) {
                throw new RemotePackageException(
                        PackageUrl.format(tag),
                        PackageUrl.format(tag) + " already holds a different " + arch + " package (manifest "
                                + entry.digest() + "); it was not replaced: publish a new version, or allow"
                                + " overwriting to replace it");
            }
        }
    }

    static ManifestContent with(RegistryClient client, ImageReference tag, Descriptor entry, EventHandler events) {
        List<Descriptor> entries = new ArrayList<>();
        if (client.manifestDigest(tag).isPresent()) {
            ManifestContent existing = client.manifest(tag);
            if (existing.isIndex()) {
                entries.addAll(existing.manifests());
            } else {
                events.warn(PackageUrl.format(tag) + " pointed at a single manifest, not an index; it is replaced by"
                        + " an index");
            }
        }
        String arch = entry.platform().orElseThrow().architecture();
        boolean replaced = false;
        for (int i = 0; i < entries.size(); i++) {
            boolean same = entries.get(i)
                    .platform()
                    .filter(p -> p.architecture().equals(arch))
                    .isPresent();
            if (same) {
                if (!replaced) {
                    entries.set(i, entry);
                    replaced = true;
                } else {
                    entries.remove(i--);
                }
            }
        }
        if (!replaced) {
            entries.add(entry);
        }
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        entries.forEach(e -> manifests.add(e.toJson()));
        return ManifestContent.of(ArtifactPusher.write(index), MediaTypes.OCI_INDEX, tag.toString());
    }
}
