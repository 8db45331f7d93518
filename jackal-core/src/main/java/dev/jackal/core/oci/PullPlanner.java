package dev.jackal.core.oci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the manifests of one image reference: a tag that names an index yields the manifest of the wanted
 * platform only; a digest keeps the whole index with all its child manifests. Manifests fetched by digest are
 * kept in the cache and read from it next time, so a digest reference whose blobs are cached needs no network.
 */
final class PullPlanner {

    private final RegistryClient registry;
    private final OciLayout cache;
    private final PullOptions options;

    PullPlanner(RegistryClient registry, OciLayout cache, PullOptions options) {
        this.registry = registry;
        this.cache = cache;
        this.options = options;
    }

    PlannedImage plan(ImageReference reference) {
        ImageReference source = options.source(reference);
        List<ManifestContent> manifests = new ArrayList<>();
        Map<Digest, Descriptor> blobs = new LinkedHashMap<>();
        Descriptor entry;
        if (source.digest().isPresent()) {
            ManifestContent top = byDigest(source, source.digest().get(), null);
            collect(source, top, manifests, blobs);
            entry = top.descriptor();
        } else {
            Descriptor resolved = registry.resolve(source);
            ManifestContent top = byDigest(source, resolved.digest(), resolved.mediaType());
            if (top.isIndex()) {
                Descriptor chosen = choose(reference, top);
                ManifestContent manifest = byDigest(source, chosen.digest(), chosen.mediaType());
                collect(source, manifest, manifests, blobs);
                entry = manifest.descriptor().withPlatform(chosen.platform().orElse(null));
            } else {
                collect(source, top, manifests, blobs);
                entry = top.descriptor();
            }
        }
        entry = OciLayout.named(entry, reference);
        options.listener().imageResolved(reference, entry);
        return new PlannedImage(reference, source, entry, manifests, List.copyOf(blobs.values()));
    }

    private Descriptor choose(ImageReference reference, ManifestContent index) {
        Platform wanted = options.platform();
        List<Platform> available = new ArrayList<>();
        for (Descriptor child : index.manifests()) {
            Optional<Platform> platform = child.platform();
            platform.ifPresent(available::add);
            if (platform.isPresent() && wanted.matches(platform.get())) {
                return child;
            }
        }
        throw new PlatformNotFoundException(reference.toString(), wanted, available);
    }

    /** Adds {@code manifest}'s blobs and, for an index, every child (recursively), children first. */
    private void collect(
            ImageReference source,
            ManifestContent manifest,
            List<ManifestContent> into,
            Map<Digest, Descriptor> blobs) {
        for (Descriptor child : manifest.manifests()) {
            collect(source, byDigest(source, child.digest(), child.mediaType()), into, blobs);
        }
        manifest.blobs().forEach(blob -> blobs.putIfAbsent(blob.digest(), blob));
        if (into.stream().noneMatch(m -> m.digest().equals(manifest.digest()))) {
            into.add(manifest);
        }
    }

    private ManifestContent byDigest(ImageReference source, Digest digest, String mediaType) {
        ImageReference pinned = source.withDigest(digest);
        if (cache != null && cache.hasBlob(digest)) {
            try {
                return cache.read(digest, mediaType, pinned.toString());
            } catch (DigestMismatchException | InvalidManifestException e) {
                // a damaged cache entry: fetch it again below
            }
        }
        ManifestContent fetched = registry.manifest(pinned);
        if (cache != null) {
            cache.write(fetched);
        }
        return fetched;
    }
}
