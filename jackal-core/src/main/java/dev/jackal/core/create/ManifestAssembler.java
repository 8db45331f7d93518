package dev.jackal.core.create;

import dev.jackal.core.fetch.Sources;
import dev.jackal.core.layout.ComponentLayout;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.ManifestSpec;
import java.io.IOException;
import java.util.Optional;

/** Copies manifests and renders kustomizations into {@code manifests/} (spec §2.3). */
final class ManifestAssembler {

    private final Fetcher fetcher;
    private final boolean offline;

    ManifestAssembler(Fetcher fetcher, boolean offline) {
        this.fetcher = fetcher;
        this.offline = offline;
    }

    void assemble(Component component, ComponentLayout layout) throws IOException {
        for (int m = 0; m < component.manifests().size(); m++) {
            ManifestSpec manifest = component.manifests().get(m);
            String at = "manifests[" + m + "]";
            for (int f = 0; f < manifest.files().size(); f++) {
                fetcher.fetch(
                        manifest.files().get(f),
                        layout.manifest(manifest.name(), f),
                        component.name(),
                        at + ".files[" + f + "]");
            }
            for (int k = 0; k < manifest.kustomizations().size(); k++) {
                String source = manifest.kustomizations().get(k);
                String field = at + ".kustomizations[" + k + "]";
                if (offline && Sources.isHttp(source)) {
                    // kustomize fetches remote targets itself, past jackal's cache
                    throw new dev.jackal.core.OfflineException("component " + component.name() + ", " + field + ": "
                            + source + " (kustomize downloads remote targets itself; vendor it as a local directory)");
                }
                Kustomize kustomize = Kustomize.find()
                        .orElseThrow(() -> new CreateException(
                                component.name(),
                                field,
                                "rendering kustomizations needs a kustomize executable or kubectl on the PATH (or"
                                        + " JACKAL_KUSTOMIZE=/path/to/kustomize); none was found"));
                // kustomize fetches remote targets (URLs) itself
                String target = Sources.isHttp(source)
                        ? source
                        : fetcher.resolveLocal(source).toString();
                Optional<String> error = kustomize.build(
                        target,
                        layout.kustomization(manifest.name(), k),
                        Boolean.TRUE.equals(manifest.kustomizeAllowAnyDirectory()));
                if (error.isPresent()) {
                    throw new CreateException(
                            component.name(), field, "kustomize could not build '" + source + "': " + error.get());
                }
            }
        }
    }
}
