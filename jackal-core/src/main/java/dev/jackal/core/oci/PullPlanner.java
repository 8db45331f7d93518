package dev.jackal.core.oci;

import dev.jackal.core.OfflineException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the manifests of one image reference: a tag that names an index yields the manifest of the wanted
 * platform only; a digest keeps the whole index with all its child manifests. Manifests fetched by digest are
 * kept in the cache and read from it next time, so a digest reference whose blobs are cached needs no network. An
 * image named in one of the options' local layouts (by its {@value Descriptor#BASE_NAME} or
 * {@value Descriptor#REF_NAME} annotation) is read from there and never looked up in a registry.
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
        for (OciLayout layout : options.localLayouts()) {
            Optional<Descriptor> found = layout.findEntry(reference);
            if (found.isPresent()) {
                return plan(reference, reference, layout, found.get());
            }
        }
        ImageReference source = options.source(reference);
        return plan(reference, source, null, source.digest().isPresent() ? null : resolveTag(source));
    }

    /** What the tag of {@code source} names: asked of the registry and remembered, or offline the remembered one. */
    private Descriptor resolveTag(ImageReference source) {
        TagCache tags = cache == null ? null : new TagCache(cache.directory());
        if (options.offline()) {
            Descriptor cached = (tags == null ? Optional.<Descriptor>empty() : tags.lookup(source))
                    .orElseThrow(() -> new OfflineException("image " + source));
            options.listener().tagFromCache(source, cached.digest());
            return cached;
        }
        Descriptor resolved = registry.resolve(source);
        if (tags != null) {
            tags.record(source, resolved);
        }
        return resolved;
    }

    /**
     * Plans {@code reference}, read from {@code source} in the registry or, when {@code local} is given, from that
     * layout; {@code resolved} is what its tag names (null for a reference by digest).
     */
    private PlannedImage plan(ImageReference reference, ImageReference source, OciLayout local, Descriptor resolved) {
        List<ManifestContent> manifests = new ArrayList<>();
        Map<Digest, Descriptor> blobs = new LinkedHashMap<>();
        Descriptor entry;
        if (source.digest().isPresent()) {
            ManifestContent top = byDigest(local, source, source.digest().get(), null);
            collect(local, source, top, manifests, blobs);
            entry = top.descriptor();
        } else {
            ManifestContent top = byDigest(local, source, resolved.digest(), resolved.mediaType());
            if (top.isIndex()) {
                Descriptor chosen = choose(reference, top);
                ManifestContent manifest = byDigest(local, source, chosen.digest(), chosen.mediaType());
                collect(local, source, manifest, manifests, blobs);
                entry = manifest.descriptor().withPlatform(chosen.platform().orElse(null));
            } else {
                collect(local, source, top, manifests, blobs);
                entry = top.descriptor();
            }
        }
        entry = OciLayout.named(entry, reference);
        options.listener().imageResolved(reference, entry);
        return new PlannedImage(reference, source, entry, manifests, List.copyOf(blobs.values()), local);
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
            OciLayout local,
            ImageReference source,
            ManifestContent manifest,
            List<ManifestContent> into,
            Map<Digest, Descriptor> blobs) {
        for (Descriptor child : manifest.manifests()) {
            collect(local, source, byDigest(local, source, child.digest(), child.mediaType()), into, blobs);
        }
        manifest.blobs().forEach(blob -> blobs.putIfAbsent(blob.digest(), blob));
        if (into.stream().noneMatch(m -> m.digest().equals(manifest.digest()))) {
            into.add(manifest);
        }
    }

    private ManifestContent byDigest(OciLayout local, ImageReference source, Digest digest, String mediaType) {
        ImageReference pinned = source.withDigest(digest);
        if (local != null) {
            return local.read(digest, mediaType, pinned + " in " + local.directory());
        }
        if (cache != null && cache.hasBlob(digest)) {
            try {
                return cache.read(digest, mediaType, pinned.toString());
            } catch (DigestMismatchException | InvalidManifestException e) {
                // a damaged cache entry: fetch it again below
            }
        }
        if (options.offline()) {
            throw new OfflineException("image " + pinned);
        }
        ManifestContent fetched = registry.manifest(pinned);
        if (cache != null) {
            cache.write(fetched);
        }
        return fetched;
    }
}
