package dev.jackal.core.compose;

import dev.jackal.core.definition.DefinitionProblem;
import dev.jackal.core.model.ChartSpec;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.ManifestSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks, in the file that names them, that a component's local sources exist and its URLs are URLs, so
 * that a typo is reported at its own line before anything is fetched.
 */
final class SourceCheck {

    private static final Set<String> DOWNLOAD_SCHEMES = Set.of("http", "https");
    private static final Set<String> CHART_SCHEMES = Set.of("http", "https", "oci");

    private final ImportNode node;
    private final Path dir;
    private final List<DefinitionProblem> problems = new ArrayList<>();

    private SourceCheck(ImportNode node, Path dir) {
        this.node = node;
        this.dir = dir;
    }

    /** The problems of {@code node}'s sources; its paths are relative to {@code dir}. */
    static List<DefinitionProblem> check(ImportNode node, Path dir) {
        SourceCheck check = new SourceCheck(node, dir);
        check.component(node.component());
        return check.problems;
    }

    private void component(Component c) {
        for (int i = 0; i < c.files().size(); i++) {
            source(c.files().get(i).source(), "files[" + i + "].source", DOWNLOAD_SCHEMES);
        }
        for (int i = 0; i < c.dataInjections().size(); i++) {
            source(c.dataInjections().get(i).source(), "dataInjections[" + i + "].source", DOWNLOAD_SCHEMES);
        }
        for (int i = 0; i < c.charts().size(); i++) {
            ChartSpec chart = c.charts().get(i);
            String at = "charts[" + i + "]";
            if (chart.url() != null && !chart.url().isEmpty()) {
                url(chart.url(), at + ".url", CHART_SCHEMES);
            } else {
                source(chart.localPath(), at + ".localPath", Set.of());
            }
            for (int v = 0; v < chart.valuesFiles().size(); v++) {
                source(chart.valuesFiles().get(v), at + ".valuesFiles[" + v + "]", DOWNLOAD_SCHEMES);
            }
        }
        for (int i = 0; i < c.manifests().size(); i++) {
            ManifestSpec manifest = c.manifests().get(i);
            for (int f = 0; f < manifest.files().size(); f++) {
                source(manifest.files().get(f), "manifests[" + i + "].files[" + f + "]", DOWNLOAD_SCHEMES);
            }
            for (int k = 0; k < manifest.kustomizations().size(); k++) {
                source(
                        manifest.kustomizations().get(k),
                        "manifests[" + i + "].kustomizations[" + k + "]",
                        DOWNLOAD_SCHEMES);
            }
        }
    }

    private void source(String value, String field, Set<String> schemes) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (value.contains("://")) {
            url(value, field, schemes);
            return;
        }
        try {
            Path path = dir.resolve(value);
            if (!Files.exists(path)) {
                add(
                        field,
                        "'" + value + "' does not exist (looked in " + path.normalize() + "); fix the path or add"
                                + " the file");
            }
        } catch (InvalidPathException e) {
            add(field, "'" + value + "' is not a valid path: " + e.getReason());
        }
    }

    private void url(String value, String field, Set<String> schemes) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!schemes.contains(scheme)) {
                add(
                        field,
                        "'" + value + "' is not a supported URL here; use "
                                + String.join(
                                        " or ",
                                        schemes.stream()
                                                .sorted()
                                                .map(s -> s + "://")
                                                .toList()));
            } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
                add(field, "'" + value + "' has no host name");
            }
        } catch (URISyntaxException e) {
            add(field, "'" + value + "' is not a valid URL: " + e.getReason());
        }
    }

    private void add(String field, String message) {
        String path = node.path(field);
        problems.add(new DefinitionProblem(node.definition().sourceMap().locate(path), path, message));
    }
}
