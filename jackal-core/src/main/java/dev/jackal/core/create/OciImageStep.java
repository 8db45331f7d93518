package dev.jackal.core.create;

import dev.jackal.core.event.EventHandler;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.oci.CredentialProvider;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.DockerConfigCredentials;
import dev.jackal.core.oci.ImageCopier;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.InvalidReferenceException;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.oci.OciProgressListener;
import dev.jackal.core.oci.PullOptions;
import dev.jackal.core.oci.PullResult;
import dev.jackal.core.oci.RegistryClient;
import dev.jackal.core.oci.RegistryOverride;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pulls every unique image of a package into its {@code images/} OCI layout with jackal's own OCI client
 * (byte for byte, blobs deduplicated and cached), with Docker-config credentials. Images named in one of the
 * {@link CreateOptions#imageArchives()} or {@link CreateOptions#imageLayouts()} are copied from there instead (the
 * archives first, each unpacked into a staging area of the cache for the time of the pull).
 */
public final class OciImageStep implements ImageStep {

    private final EventHandler events;
    private final CredentialProvider credentials;

    public OciImageStep(EventHandler events) {
        this(events, DockerConfigCredentials.fromEnvironment());
    }

    public OciImageStep(EventHandler events, CredentialProvider credentials) {
        this.events = events;
        this.credentials = credentials;
    }

    @Override
    public List<Image> pull(JackalPackage pkg, Path layoutDir, CreateOptions options) throws IOException {
        List<ImageReference> references = references(pkg);
        if (options.imageArchives().isEmpty()) {
            return references.isEmpty() ? List.of() : pull(pkg, references, layoutDir, options, List.of());
        }
        // unpacked on the cache's file system, so the package's layout hard-links their blobs
        try (StagingArea area = StagingArea.create(
                options.cacheDir().toAbsolutePath().normalize().resolve(PackageCreator.STAGING_DIR))) {
            List<OciLayout> archived = ArchivedImages.open(options.imageArchives(), area.dir(), references, events);
            return pull(pkg, references, layoutDir, options, archived);
        }
    }

    private List<Image> pull(
            JackalPackage pkg,
            List<ImageReference> references,
            Path layoutDir,
            CreateOptions options,
            List<OciLayout> archived) {
        RegistryClient client = Registries.client(options, credentials);
        List<RegistryOverride> overrides = new ArrayList<>();
        for (Map.Entry<String, String> override : options.registryOverrides().entrySet()) {
            overrides.add(new RegistryOverride(override.getKey(), override.getValue()));
        }
        events.lifecycle("pulling " + references.size() + " image(s)");
        PullOptions pullOptions = PullOptions.forArchitecture(pkg.metadata().architecture())
                .withConcurrency(options.ociConcurrency())
                .withOverrides(overrides)
                .withListener(new Progress(events))
                .withLocalLayouts(localLayouts(options, archived))
                .withOffline(options.offline());
        PullResult result = new ImageCopier(client, options.cacheDir().resolve("images"))
                .pull(references, OciLayout.create(layoutDir), pullOptions);
        events.info("images: " + result.blobsDownloaded() + " blob(s) downloaded (" + result.bytesDownloaded()
                + " bytes), " + result.blobsReused() + " reused from the cache");
        return result.images().stream()
                .map(p -> new Image(
                        p.reference().toString(), p.descriptor().digest().toString()))
                .toList();
    }

    private static List<OciLayout> localLayouts(CreateOptions options, List<OciLayout> archived) {
        List<OciLayout> layouts = new ArrayList<>(archived);
        for (Path dir : options.imageLayouts()) {
            layouts.add(OciLayout.open(dir));
        }
        return layouts;
    }

    /** Every blob goes through {@link ImageCopier}, which checks it against its digest as it is stored. */
    @Override
    public boolean verifiesBlobDigests() {
        return true;
    }

    private static List<ImageReference> references(JackalPackage pkg) {
        List<ImageReference> references = new ArrayList<>();
        for (Component component : pkg.components()) {
            for (int i = 0; i < component.images().size(); i++) {
                try {
                    ImageReference reference =
                            ImageReference.parse(component.images().get(i));
                    if (!references.contains(reference)) {
                        references.add(reference);
                    }
                } catch (InvalidReferenceException e) {
                    throw new CreateException(component.name(), "images[" + i + "]", e.getMessage(), e);
                }
            }
        }
        return references;
    }

    /** Turns blob completions into progress events. */
    private static final class Progress implements OciProgressListener {
        private final EventHandler events;
        private final AtomicLong bytes = new AtomicLong();

        Progress(EventHandler events) {
            this.events = events;
        }

        @Override
        public void blobDone(Descriptor blob, long bytesDownloaded, boolean fromCache) {
            events.progress("pull images", bytes.addAndGet(bytesDownloaded), -1, "bytes");
        }

        @Override
        public void tagFromCache(ImageReference reference, dev.jackal.core.oci.Digest digest) {
            events.warn("offline: " + reference + " is taken as " + digest
                    + ", what the tag named when it was last pulled; the registry is not asked whether it moved");
        }

        @Override
        public void imageDone(ImageReference reference, Descriptor descriptor) {
            events.info("pulled " + reference + " (" + descriptor.digest() + ")");
        }
    }
}
