package dev.jackal.core.load;

import dev.jackal.core.archive.ChecksumException;
import dev.jackal.core.archive.Checksums;
import dev.jackal.core.create.Architectures;
import dev.jackal.core.definition.DefinitionException;
import dev.jackal.core.deploy.ComponentSelector;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.layout.Directories;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.layout.PackageLayout;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.Digest;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.InvalidReferenceException;
import dev.jackal.core.oci.ManifestContent;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.remote.RemotePackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Loads an {@code oci://} package into a temporary directory, pulling only what the {@link RemoteLoad} asks for: the
 * definition first (checked by the {@link DefinitionGate} as a file package's is), then the chosen files, then the
 * directory is verified against {@code checksums.txt} in partial mode (files not pulled may be absent; every file
 * pulled must match).
 */
final class RemotePackageLoad {

    private static final String BLOBS = PackageLayout.IMAGES + "/blobs/" + Digest.SHA256 + "/";

    private final EventHandler events;
    private final Path tempRoot;
    private final RemoteLoad how;

    RemotePackageLoad(EventHandler events, Path tempRoot, RemoteLoad how) {
        this.events = events;
        this.tempRoot = tempRoot;
        this.how = how;
    }

    LoadedPackage load(String url) {
        RemotePackage remote =
                RemotePackage.open(how.options().client(), url, how.architecture(), Architectures.host());
        Path shown = Path.of(remote.reference().name() + ":" + remote.architecture());
        Path temp = null;
        try {
            temp = Files.createTempDirectory(tempRoot, "jackal-package-");
            PackageLayout layout = new PackageLayout(temp.resolve("package"));
            Files.createDirectories(layout.root());
            events.info("reading " + url + " (" + remote.architecture() + ")");
            Set<String> pulled = new LinkedHashSet<>(metadata());
            fetch(remote, pulled, layout);
            PackageDialect dialect = definitionDialect(remote, url, shown);
            DefinitionGate gate = new DefinitionGate(shown);
            String aggregate = gate.check(layout.root().resolve(dialect.definitionFile()));
            Set<String> more = new LinkedHashSet<>(chosen(remote, gate.pkg(), layout, pulled));
            more.removeAll(pulled);
            fetch(remote, more, layout);
            pulled.addAll(more);
            Set<String> required = Set.copyOf(pulled);
            Checksums.verify(
                    layout.root(),
                    aggregate,
                    how.scope() == RemoteLoad.Scope.EVERYTHING ? p -> true : required::contains);
            events.info("pulled " + remote.bytesFetched() + " bytes of " + url);
            return new LoadedPackage(shown, layout.withDialect(gate.dialect()), gate.pkg(), gate.text());
        } catch (ChecksumException e) {
            Directories.delete(temp);
            throw new PackageLoadException(shown, url + " failed verification: " + e.detail(), e);
        } catch (DefinitionException e) {
            Directories.delete(temp);
            throw new PackageLoadException(shown, e.getMessage(), e);
        } catch (IOException e) {
            Directories.delete(temp);
            throw new PackageLoadException(shown, "cannot read " + url + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            Directories.delete(temp);
            throw e;
        }
    }

    private void fetch(RemotePackage remote, Set<String> titles, PackageLayout layout) {
        remote.fetch(titles, layout.root(), how.options().concurrency(), events);
    }

    /** The definition, checksums and signature files of every dialect. */
    private static List<String> metadata() {
        List<String> files = new ArrayList<>(List.of(PackageLayout.CHECKSUMS));
        for (PackageDialect dialect : PackageDialect.values()) {
            files.add(dialect.definitionFile());
            files.addAll(dialect.signatureFiles());
        }
        return files;
    }

    private static PackageDialect definitionDialect(RemotePackage remote, String url, Path shown) {
        for (PackageDialect dialect : PackageDialect.values()) {
            if (remote.layer(dialect.definitionFile()).isPresent()) {
                return dialect;
            }
        }
        throw new PackageLoadException(
                shown, url + " is not a jackal package: it has no " + PackageLayout.DEFINITION + " layer", null);
    }

    /** The files beyond the metadata that the scope needs. */
    private List<String> chosen(RemotePackage remote, JackalPackage pkg, PackageLayout layout, Set<String> pulled)
            throws IOException {
        switch (how.scope()) {
            case EVERYTHING:
                return new ArrayList<>(remote.layers().keySet());
            case METADATA:
                return how.sboms() ? List.of(PackageLayout.SBOMS) : List.of();
            default:
                break;
        }
        List<Component> selected = ComponentSelector.select(pkg.components(), how.components(), Optional.empty());
        // as Zarf does: the SBOMs come along, so the deploy's confirm screen can say the package has them
        List<String> files = new ArrayList<>(List.of(PackageLayout.SBOMS));
        for (Component component : selected) {
            files.add(PackageLayout.COMPONENTS + "/" + component.name() + ".tar");
        }
        List<String> images =
                selected.stream().flatMap(c -> c.images().stream()).distinct().toList();
        if (!images.isEmpty()) {
            files.addAll(imageFiles(remote, layout, images, pulled));
        }
        return files;
    }

    /**
     * {@code images/index.json}, {@code images/oci-layout}, and every manifest, config and layer blob of
     * {@code images}; the manifests are pulled here, level by level, to learn the blobs they name.
     */
    private List<String> imageFiles(
            RemotePackage remote, PackageLayout layout, List<String> images, Set<String> pulled) {
        String index = PackageLayout.IMAGES + "/" + OciLayout.INDEX_FILE;
        String marker = PackageLayout.IMAGES + "/" + OciLayout.LAYOUT_FILE;
        List<String> files = new ArrayList<>(List.of(index, marker));
        fetch(remote, new LinkedHashSet<>(files), layout);
        pulled.addAll(files);
        if (remote.layer(index).isEmpty() || remote.layer(marker).isEmpty()) {
            return files;
        }
        OciLayout local = OciLayout.open(layout.images());
        List<Descriptor> level = new ArrayList<>();
        for (String image : images) {
            try {
                local.findEntry(ImageReference.parse(image)).ifPresent(level::add);
            } catch (InvalidReferenceException e) {
                // the deploy names it with its own message
            }
        }
        Set<String> blobs = new LinkedHashSet<>();
        while (!level.isEmpty()) {
            Set<String> manifests = new LinkedHashSet<>();
            level.forEach(d -> manifests.add(BLOBS + d.digest().hex()));
            fetch(remote, manifests, layout);
            pulled.addAll(manifests);
            files.addAll(manifests);
            List<Descriptor> next = new ArrayList<>();
            for (Descriptor manifest : level) {
                if (!Files.isRegularFile(local.blobPath(manifest.digest()))) {
                    continue;
                }
                ManifestContent content = local.read(manifest.digest(), manifest.mediaType(), manifest.toString());
                next.addAll(content.manifests());
                content.blobs().forEach(b -> blobs.add(BLOBS + b.digest().hex()));
            }
            level = next;
        }
        files.addAll(blobs);
        return files;
    }
}
