package dev.jackal.core.create;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import dev.jackal.core.fetch.Sources;
import dev.jackal.core.git.GitUrl;
import dev.jackal.core.git.RepoCloner;
import dev.jackal.core.layout.ComponentLayout;
import dev.jackal.core.model.ChartSpec;
import dev.jackal.core.model.Component;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.ManifestContent;
import dev.jackal.core.oci.OciException;
import dev.jackal.core.oci.RegistryClient;
import dev.jackal.core.yaml.YamlLimits;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * Puts each chart at {@code charts/<name>-<version>.tgz} and its values files at
 * {@code values/<name>-<version>-<index>} (spec §2.3). Chart directories (local, or {@code gitPath} in a
 * git repository) go through the real Helm (helm-java): dependencies are built and the chart is
 * packaged, then made reproducible. Charts from a Helm repository are found in its {@code index.yaml},
 * and charts in an OCI registry are fetched as their chart layer; both are kept as they are (helm-java
 * has no {@code pull}).
 */
final class ChartAssembler {

    private static final YAMLMapper YAML = YamlLimits.DOCUMENT.mapper().build();

    static final String HELM_CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

    private final Fetcher fetcher;
    private final RemoteFiles downloader;
    private final OciCharts ociCharts;
    private final RegistryClient registry;
    private final RepoCloner git;

    ChartAssembler(
            Fetcher fetcher, RemoteFiles downloader, RegistryClient registry, RepoCloner git, OciCharts ociCharts) {
        this.fetcher = fetcher;
        this.downloader = downloader;
        this.ociCharts = ociCharts;
        this.registry = registry;
        this.git = git;
    }

    void assemble(Component component, ComponentLayout layout) throws IOException {
        for (int i = 0; i < component.charts().size(); i++) {
            ChartSpec chart = component.charts().get(i);
            String at = "charts[" + i + "]";
            Path target = layout.chart(chart.name(), chart.version());
            Files.createDirectories(target.getParent());
            if (chart.localPath() != null && !chart.localPath().isEmpty()) {
                local(component, chart, at, layout, target);
            } else if (chart.url().startsWith("oci://")) {
                oci(component, chart, at, target);
            } else if (chart.url().endsWith(".git") || chart.url().contains(".git@")) {
                fromGit(component, chart, at, layout, target);
            } else {
                repository(component, chart, at, target);
            }
            for (int v = 0; v < chart.valuesFiles().size(); v++) {
                fetcher.fetch(
                        chart.valuesFiles().get(v),
                        layout.values(chart.name(), chart.version(), v),
                        component.name(),
                        at + ".valuesFiles[" + v + "]");
            }
        }
    }

    /** A chart pushed to an OCI registry ({@code helm push}): its chart layer, as it is. */
    private void oci(Component component, ChartSpec chart, String at, Path target) {
        String field = at + ".url";
        try {
            ImageReference reference =
                    ImageReference.parse(chart.url().substring("oci://".length()) + ":" + chart.version());
            ManifestContent manifest =
                    ociCharts.manifest(registry, reference, "component " + component.name() + ", " + field + ": chart");
            Descriptor layer = manifest.blobs().stream()
                    .filter(d -> HELM_CHART_LAYER.equals(d.mediaType()))
                    .findFirst()
                    .orElseThrow(() -> new CreateException(
                            component.name(),
                            field,
                            chart.url() + ":" + chart.version() + " is not a Helm chart (no " + HELM_CHART_LAYER
                                    + " layer)"));
            ociCharts.fetchBlob(registry, reference, layer, target);
        } catch (OciException e) {
            throw new CreateException(component.name(), field, e.getMessage(), e);
        }
    }

    /** A chart in a git repository ({@code url: …repo.git@ref}, {@code gitPath}): cloned, then packaged. */
    private void fromGit(Component component, ChartSpec chart, String at, ComponentLayout layout, Path target)
            throws IOException {
        Path clone = layout.temp().resolve("git-chart-" + chart.name());
        try {
            git.cloneTo(GitUrl.parse(chart.url()), clone);
        } catch (IllegalArgumentException | GitAPIException e) {
            throw new CreateException(
                    component.name(), at + ".url", "cannot clone " + chart.url() + ": " + e.getMessage(), e);
        }
        Path dir = chart.gitPath() == null || chart.gitPath().isEmpty() ? clone : clone.resolve(chart.gitPath());
        if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
            throw new CreateException(
                    component.name(),
                    at + ".gitPath",
                    "there is no Chart.yaml at '" + (chart.gitPath() == null ? "" : chart.gitPath()) + "' in "
                            + chart.url());
        }
        packageDirectory(component, chart, at + ".gitPath", dir, clone, layout, target);
    }

    private void local(Component component, ChartSpec chart, String at, ComponentLayout layout, Path target)
            throws IOException {
        Path source = fetcher.resolveLocal(chart.localPath());
        if (Files.isRegularFile(source)) {
            try {
                ChartFiles.checkArchive(source);
            } catch (ChartFiles.InvalidChartException e) {
                throw new CreateException(component.name(), at + ".localPath", e.getMessage(), e);
            }
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        packageDirectory(component, chart, at + ".localPath", source, fetcher.baseDir(), layout, target);
    }

    private void packageDirectory(
            Component component,
            ChartSpec chart,
            String field,
            Path source,
            Path root,
            ComponentLayout layout,
            Path target)
            throws IOException {
        Path work = layout.temp().resolve("chart-" + chart.name());
        boolean dependencies;
        try {
            dependencies = ChartFiles.chartYaml(source).path("dependencies").size() > 0;
            SourceTreeCopier.copy(source, work, root);
        } catch (ChartFiles.InvalidChartException | SourceLinkException e) {
            throw new CreateException(component.name(), field, e.getMessage(), e);
        }
        Path packaged = layout.temp().resolve("packaged-" + chart.name());
        Files.createDirectories(packaged);
        try {
            Helm helm = new Helm(work);
            if (Files.exists(work.resolve("Chart.lock")) || dependencies) {
                if (downloader.offline()) {
                    // Helm fetches dependencies itself, past jackal's cache: offline, they must be vendored
                    if (!vendored(work)) {
                        throw new dev.jackal.core.OfflineException("component " + component.name() + ", " + field
                                + ": the dependencies of chart '" + chart.name()
                                + "' (Helm downloads them; keep them in its charts/ directory)");
                    }
                } else {
                    helm.dependency().build().call();
                }
            }
            helm.packageIt().withDestination(packaged).call();
        } catch (dev.jackal.core.OfflineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CreateException(
                    component.name(),
                    field,
                    "Helm could not package chart '" + chart.name() + "': " + e.getMessage(),
                    e);
        }
        try (var files = Files.list(packaged)) {
            Path tgz = files.filter(p -> p.toString().endsWith(".tgz"))
                    .findFirst()
                    .orElseThrow(() -> new CreateException(component.name(), field, "Helm produced no chart archive"));
            Files.move(tgz, target, StandardCopyOption.REPLACE_EXISTING);
        }
        ChartArchives.normalize(target);
    }

    /** Whether the chart's {@code charts/} directory holds at least one packaged dependency. */
    private static boolean vendored(Path chartDir) throws IOException {
        Path charts = chartDir.resolve("charts");
        if (!Files.isDirectory(charts)) {
            return false;
        }
        try (var list = Files.list(charts)) {
            return list.findAny().isPresent();
        }
    }

    private void repository(Component component, ChartSpec chart, String at, Path target) throws IOException {
        if (!Sources.isHttp(chart.url())) {
            throw new CreateException(
                    component.name(),
                    at + ".url",
                    "'" + chart.url() + "' is not a Helm repository URL (http:// or https://)");
        }
        String base = chart.url().endsWith("/") ? chart.url() : chart.url() + "/";
        Path index = target.resolveSibling(".index-" + chart.name() + ".yaml");
        fetcher.fetch(base + "index.yaml", index, component.name(), at + ".url");
        JsonNode entries = YAML.readTree(index.toFile()).path("entries");
        Files.deleteIfExists(index);
        String name = chart.repoName() != null && !chart.repoName().isEmpty() ? chart.repoName() : chart.name();
        for (JsonNode version : entries.path(name)) {
            if (chart.version().equals(version.path("version").asText())) {
                String url = version.path("urls").path(0).asText();
                if (url.isEmpty()) {
                    break;
                }
                String resolved = URI.create(base).resolve(url).toString();
                try {
                    downloader.download(resolved, target, "component " + component.name() + ", " + at + ": chart");
                } catch (dev.jackal.core.OfflineException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new CreateException(component.name(), at + ".url", e.getMessage(), e);
                }
                return;
            }
        }
        throw new CreateException(
                component.name(),
                at + ".version",
                "the Helm repository " + chart.url()
                        + " has no chart '" + name + "' version " + chart.version()
                        + (entries.has(name) ? "" : " (no chart of that name; set 'repoName' if it differs)"));
    }
}
