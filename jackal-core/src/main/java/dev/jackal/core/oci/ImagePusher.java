package dev.jackal.core.oci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Pushes images from an {@link OciLayout} into a registry byte for byte, each under one or more names: the reverse of
 * {@link ImageCopier}. Every blob is handled once per repository by a bounded number of threads: skipped when the
 * repository has it (HEAD), linked from another repository of the same push when the registry allows a
 * cross-repository mount, else streamed from its file. Then each image's manifests go up with their exact bytes:
 * an index's child manifests by digest first, then the top document under every name (skipped when the name already
 * points at the same digest). A push that was interrupted is resumed by running it again: everything the registry
 * already holds is skipped.
 */
public final class ImagePusher {

    /**
     * One image of the layout and the names it gets.
     *
     * @param source how the image is named in the layout's {@code index.json}
     * @param targets the names in the registry (a tag or a digest each)
     */
    public record Push(ImageReference source, List<ImageReference> targets) {
        public Push {
            Objects.requireNonNull(source, "source");
            targets = List.copyOf(new LinkedHashSet<>(targets));
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("no target name for " + source);
            }
        }
    }

    /** One image planned: its manifests (children first, top last) and blobs. */
    record Planned(Push push, List<ManifestContent> manifests, List<Descriptor> blobs) {
        ManifestContent top() {
            return manifests.get(manifests.size() - 1);
        }
    }

    private final RegistryClient registry;
    private final OciProgressListener listener;

    public ImagePusher(RegistryClient registry, OciProgressListener listener) {
        this.registry = registry;
        this.listener = listener;
    }

    /** Pushes {@code pushes} from {@code layout}, {@code concurrency} blobs at a time; the first failure stops it. */
    public PushResult push(OciLayout layout, List<Push> pushes, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        List<Planned> plans = new ArrayList<>();
        for (Push push : pushes) {
            plans.add(plan(layout, push));
        }
        BlobPusher blobs = new BlobPusher(registry, layout, listener);
        blobs.pushAll(jobs(plans), concurrency);
        int manifests = 0;
        for (Planned plan : plans) {
            manifests += pushManifests(plan);
        }
        return new PushResult(
                plans.size(), blobs.uploaded(), blobs.bytesUploaded(), blobs.mounted(), blobs.present(), manifests);
    }

    /** The bytes a push of {@code pushes} would upload at most: every distinct blob once. */
    public static long totalBytes(OciLayout layout, List<Push> pushes) {
        Map<Digest, Long> sizes = new LinkedHashMap<>();
        for (Push push : pushes) {
            plan(layout, push).blobs().forEach(b -> sizes.put(b.digest(), b.size()));
        }
        return sizes.values().stream().mapToLong(Long::longValue).sum();
    }

    static Planned plan(OciLayout layout, Push push) {
        List<ManifestContent> manifests = new ArrayList<>();
        Map<Digest, Descriptor> blobs = new LinkedHashMap<>();
        collect(layout, layout.manifest(push.source()), push.source().toString(), manifests, blobs);
        return new Planned(push, manifests, List.copyOf(blobs.values()));
    }

    private static void collect(
            OciLayout layout,
            ManifestContent manifest,
            String what,
            List<ManifestContent> into,
            Map<Digest, Descriptor> blobs) {
        for (Descriptor child : manifest.manifests()) {
            collect(layout, layout.read(child.digest(), child.mediaType(), what), what, into, blobs);
        }
        manifest.blobs().forEach(blob -> blobs.putIfAbsent(blob.digest(), blob));
        if (into.stream().noneMatch(m -> m.digest().equals(manifest.digest()))) {
            into.add(manifest);
        }
    }

    /** One job per digest, with every repository (of every target name) that needs it, in first-seen order. */
    private static List<BlobPusher.Job> jobs(List<Planned> plans) {
        Map<Digest, BlobPusher.Job> jobs = new LinkedHashMap<>();
        for (Planned plan : plans) {
            Set<ImageReference> repositories = new LinkedHashSet<>();
            plan.push().targets().forEach(t -> repositories.add(repositoryOf(t)));
            for (Descriptor blob : plan.blobs()) {
                BlobPusher.Job job =
                        jobs.computeIfAbsent(blob.digest(), d -> new BlobPusher.Job(blob, new ArrayList<>()));
                repositories.stream()
                        .filter(r -> !job.repositories().contains(r))
                        .forEach(job.repositories()::add);
            }
        }
        return List.copyOf(jobs.values());
    }

    /** A reference that stands for the repository alone (its tag is never used). */
    private static ImageReference repositoryOf(ImageReference target) {
        return ImageReference.parse(target.name() + ":" + ImageReference.DEFAULT_TAG);
    }

    private int pushManifests(Planned plan) {
        int pushed = 0;
        Set<ImageReference> repositories = new LinkedHashSet<>();
        plan.push().targets().forEach(t -> repositories.add(repositoryOf(t)));
        List<ManifestContent> children =
                plan.manifests().subList(0, plan.manifests().size() - 1);
        for (ImageReference repository : repositories) {
            for (ManifestContent child : children) {
                pushed += pushIfMissing(repository.withDigest(child.digest()), child) ? 1 : 0;
            }
        }
        ManifestContent top = plan.top();
        for (ImageReference target : plan.push().targets()) {
            pushed += pushIfMissing(target, top) ? 1 : 0;
            listener.imageDone(target, top.descriptor());
        }
        return pushed;
    }

    private boolean pushIfMissing(ImageReference target, ManifestContent manifest) {
        if (registry.manifestDigest(target).filter(manifest.digest()::equals).isPresent()) {
            return false;
        }
        registry.pushManifest(target, manifest);
        return true;
    }
}
