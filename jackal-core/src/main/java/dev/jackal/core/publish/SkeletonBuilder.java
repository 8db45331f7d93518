package dev.jackal.core.publish;

import dev.jackal.core.JackalVersion;
import dev.jackal.core.archive.Checksums;
import dev.jackal.core.archive.ReproducibleTar;
import dev.jackal.core.compose.Composer;
import dev.jackal.core.compose.Migrations;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.create.Architectures;
import dev.jackal.core.definition.Definition;
import dev.jackal.core.definition.DefinitionException;
import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.definition.DefinitionValidator;
import dev.jackal.core.definition.DefinitionWriter;
import dev.jackal.core.layout.PackageLayout;
import dev.jackal.core.model.BuildData;
import dev.jackal.core.model.ChartSpec;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.DataInjection;
import dev.jackal.core.model.FileSpec;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.model.ManifestSpec;
import dev.jackal.core.remote.PackageArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Builds a skeleton package from a package directory (spec §3.6): the definition composed (with the machine's
 * architecture, local imports resolved) but not templated, every local asset copied into its component as create lays
 * it out (spec §2.3; a local chart as its raw directory) with the definition's paths rewritten to those places, and
 * URLs left as they are. No image is pulled, no chart packaged, no SBOM written; the architecture is
 * {@value PackageArtifact#SKELETON}. Consumers import its components with {@code import.url}.
 */
final class SkeletonBuilder {

    private SkeletonBuilder() {}

    /** Writes the skeleton of {@code packageDir} into {@code layout} (an empty directory) and returns its definition. */
    static JackalPackage build(Path packageDir, String flavor, PackageLayout layout, Path staging) throws IOException {
        return build(packageDir, flavor, layout, staging, null, null, SkeletonResolver.LOCAL_ONLY);
    }

    /**
     * Writes the skeleton of {@code packageDir} into {@code layout} and returns its definition.
     *
     * @param timestamp {@code build.timestamp}; null for {@code SOURCE_DATE_EPOCH}, else now
     * @param defaultVersion {@code metadata.version} when the definition has none (Maven's project version), or null
     * @param skeletons resolves the definition's own remote and Maven imports
     */
    static JackalPackage build(
            Path packageDir,
            String flavor,
            PackageLayout layout,
            Path staging,
            Instant timestamp,
            String defaultVersion,
            SkeletonResolver skeletons)
            throws IOException {
        Path file = packageDir.resolve(Composer.DEFINITION_FILE);
        if (!Files.isRegularFile(file)) {
            throw DefinitionException.of(
                    file,
                    packageDir + " is neither a package archive nor a package directory (no " + Composer.DEFINITION_FILE
                            + "); pass a .tar.zst package or the directory of a jackal.yaml");
        }
        Definition definition = DefinitionReader.read(file, DefinitionReader.Strictness.STRICT);
        DefinitionValidator.check(definition);
        JackalPackage composed = new Composer(skeletons)
                .compose(definition, Architectures.host(), flavor)
                .pkg();
        if (defaultVersion != null
                && (composed.metadata().version() == null
                        || composed.metadata().version().isBlank())) {
            composed = composed.withMetadata(composed.metadata().withVersion(defaultVersion));
        }
        Files.createDirectories(layout.componentsDir());
        List<Component> components = new ArrayList<>();
        for (Component component : composed.components()) {
            Path root = Files.createDirectories(staging.resolve(component.name()));
            Component skeleton = new ComponentCopy(packageDir, root).copy(component);
            components.add(skeleton);
            if (hasFiles(root)) {
                ReproducibleTar.write(root, component.name(), layout.componentTar(component.name()));
            }
        }
        String aggregate = Checksums.write(layout.root());
        JackalPackage pkg = composed.withComponents(components)
                .withMetadata(composed.metadata()
                        .withArchitecture(PackageArtifact.SKELETON)
                        .withAggregateChecksum(aggregate))
                .withBuild(new BuildData(
                        null,
                        null,
                        PackageArtifact.SKELETON,
                        timestamp(timestamp),
                        "v" + JackalVersion.get(),
                        Migrations.ALL,
                        null,
                        null,
                        null,
                        null,
                        JackalVersion.LAST_NON_BREAKING,
                        flavor.isEmpty() ? null : flavor));
        DefinitionWriter.write(pkg, layout.definition());
        return pkg;
    }

    /** {@code SOURCE_DATE_EPOCH} when set (reproducible skeletons), else now. */
    private static String timestamp(Instant fixed) {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        Instant when = fixed != null ? fixed : Instant.now();
        if (fixed == null && epoch != null && epoch.matches("\\d{1,12}")) {
            when = Instant.ofEpochSecond(Long.parseLong(epoch));
        }
        return DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
                .format(when.atZone(ZoneOffset.UTC));
    }

    private static boolean hasFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.anyMatch(p -> !Files.isDirectory(p));
        }
    }

    /** Copies one component's local assets under its root and rewrites its paths to them. */
    private record ComponentCopy(Path packageDir, Path root) {

        Component copy(Component c) throws IOException {
            List<FileSpec> files = new ArrayList<>();
            for (int i = 0; i < c.files().size(); i++) {
                FileSpec f = c.files().get(i);
                String name = Path.of(f.target() == null ? f.source() : f.target())
                        .getFileName()
                        .toString();
                String source = local(f.source()) ? place(f.source(), "files/" + i + "/" + name) : f.source();
                files.add(new FileSpec(source, f.shasum(), f.target(), f.executable(), f.symlinks(), f.extractPath()));
            }
            List<ChartSpec> charts = new ArrayList<>();
            for (int i = 0; i < c.charts().size(); i++) {
                ChartSpec chart = c.charts().get(i);
                String localPath =
                        chart.localPath() == null || chart.localPath().isEmpty()
                                ? chart.localPath()
                                : place(chart.localPath(), "charts/" + chart.name() + "-" + i);
                List<String> values = new ArrayList<>();
                for (int v = 0; v < chart.valuesFiles().size(); v++) {
                    String value = chart.valuesFiles().get(v);
                    values.add(
                            local(value)
                                    ? place(value, "values/" + chart.name() + "-" + chart.version() + "-" + v)
                                    : value);
                }
                charts.add(new ChartSpec(
                        chart.name(),
                        chart.version(),
                        chart.url(),
                        chart.repoName(),
                        chart.gitPath(),
                        localPath,
                        chart.namespace(),
                        chart.releaseName(),
                        chart.noWait(),
                        values));
            }
            List<ManifestSpec> manifests = new ArrayList<>();
            for (ManifestSpec m : c.manifests()) {
                List<String> manifestFiles = new ArrayList<>();
                for (int i = 0; i < m.files().size(); i++) {
                    String f = m.files().get(i);
                    manifestFiles.add(local(f) ? place(f, "manifests/" + m.name() + "-" + i + ".yaml") : f);
                }
                List<String> kustomizations = new ArrayList<>();
                for (int i = 0; i < m.kustomizations().size(); i++) {
                    String k = m.kustomizations().get(i);
                    kustomizations.add(local(k) ? place(k, "manifests/kustomization-" + m.name() + "-" + i) : k);
                }
                manifests.add(new ManifestSpec(
                        m.name(),
                        m.namespace(),
                        manifestFiles,
                        kustomizations,
                        m.kustomizeAllowAnyDirectory(),
                        m.noWait()));
            }
            List<DataInjection> data = new ArrayList<>();
            for (int i = 0; i < c.dataInjections().size(); i++) {
                DataInjection d = c.dataInjections().get(i);
                String name = Path.of(d.source()).getFileName().toString();
                data.add(new DataInjection(
                        local(d.source()) ? place(d.source(), "data/" + i + "/" + name) : d.source(),
                        d.target(),
                        d.compress()));
            }
            String cosign = c.cosignKeyPath() == null || c.cosignKeyPath().isEmpty()
                    ? c.cosignKeyPath()
                    : place(c.cosignKeyPath(), "cosign.pub");
            return new Component(
                    c.name(),
                    c.description(),
                    c.isDefault(),
                    c.required(),
                    c.only(),
                    c.group(),
                    cosign,
                    null,
                    manifests,
                    charts,
                    data,
                    files,
                    c.images(),
                    c.repos(),
                    c.scripts(),
                    c.actions(),
                    c.healthChecks());
        }

        private static boolean local(String source) {
            return source != null && !source.isEmpty() && !source.contains("://");
        }

        /** Copies {@code source} (relative to the package directory) to {@code relative} under the root. */
        private String place(String source, String relative) throws IOException {
            Path from = packageDir.resolve(source).normalize();
            if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(source + " (in " + packageDir + ") does not exist; fix the path in jackal.yaml");
            }
            Path to = root.resolve(relative);
            Files.createDirectories(to.getParent());
            if (Files.isDirectory(from)) {
                try (Stream<Path> walk = Files.walk(from)) {
                    for (Path p : (Iterable<Path>) walk::iterator) {
                        Path target = to.resolve(from.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            } else {
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
            return relative;
        }
    }
}
