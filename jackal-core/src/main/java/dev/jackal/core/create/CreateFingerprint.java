package dev.jackal.core.create;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackal.core.JackalVersion;
import dev.jackal.core.archive.Sha256;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.definition.DefinitionWriter;
import dev.jackal.core.fetch.Sources;
import dev.jackal.core.git.GitUrl;
import dev.jackal.core.model.ActionSet;
import dev.jackal.core.model.ChartSpec;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.DataInjection;
import dev.jackal.core.model.FileSpec;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.model.ManifestSpec;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.InvalidReferenceException;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.oci.PullOptions;
import dev.jackal.core.oci.RegistryOverride;
import dev.jackal.core.oci.TagCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Everything a create's output depends on, as one SHA-256, computed without building and without network: the
 * prepared definition (composed, templated, with its default version), the content of every local source it names
 * (files, directories, charts, values, manifests, kustomizations, data), the settings that change the archive
 * (architecture, flavor, set values, registry overrides, SBOMs, split size, compression, build time, extra SBOMs,
 * image layouts) and jackal's version. A front end keeps it next to the package and skips an unchanged build.
 *
 * <p>Remote sources count only when their content is pinned: an image by digest (or found in one of the options'
 * image layouts, by that entry's digest, or in one of its image archives, whose bytes count whole), a file with a {@code shasum}, a
 * chart by version (Helm repository or OCI; chart versions are treated as immutable), a git repository or chart at
 * a commit or tag. A tag of an image, a file without {@code shasum}, a branch or a remote kustomization can change
 * behind the same definition, and so can what {@code onCreate} actions do: each is listed in {@link #unpinned()},
 * and such a package is never up to date. Offline, a tag counts by the digest it named when it was cached, and a
 * file by its cached content, since that is exactly what the build will use.
 *
 * @param value the SHA-256 (hex)
 * @param architecture the package's architecture, as the create will settle it
 * @param unpinned why the output may change although the fingerprint does not (empty when it cannot)
 * @param stamps the stamps of every local input read ({@link InputStamps}), or null when some input is not local
 *     (an {@code import.url}, {@code import.maven} or skeleton archive import, or an offline create, which reads
 *     jackal's cache)
 */
public record CreateFingerprint(String value, String architecture, List<String> unpinned, InputStamps stamps) {

    private static final Pattern SHA = Pattern.compile("^[0-9a-f]{40}$");
    private static final ObjectMapper JSON = new ObjectMapper();

    public CreateFingerprint {
        unpinned = List.copyOf(unpinned);
    }

    /** Prepares the definition (no network, except what resolving skeletons needs) and fingerprints the inputs. */
    public static CreateFingerprint of(CreateOptions options, SkeletonResolver skeletons) {
        Instant taken = Instant.now();
        PreparedDefinition prepared = new DefinitionPreparer(skeletons)
                .prepare(
                        options.packageDir(),
                        options.architecture(),
                        options.flavor(),
                        options.set(),
                        options.missingValues());
        JackalPackage pkg = PackageCreator.withDefaultVersion(prepared.pkg(), options.defaultVersion());
        boolean stampable = prepared.localOnly() && !options.offline();
        Builder builder = new Builder(options, stampable ? taken : null);
        prepared.definitionFiles().forEach(builder::stamp);
        return builder.build(pkg);
    }

    private static final class Builder {
        private final CreateOptions options;
        private final MessageDigest sha = Sha256.newDigest();
        private final List<String> unpinned = new ArrayList<>();
        private final RemoteFiles files;
        private final TagCache tags;
        /** The references the image archives hold: their bytes are counted whole. */
        private final Set<String> archived = new HashSet<>();
        /** When the inputs began to be read, or null when this create has no stamps. */
        private final Instant taken;
        /** The stamp of every local file and directory read, by absolute path. */
        private final Map<String, String> stamps = new TreeMap<>();

        Builder(CreateOptions options, Instant taken) {
            this.options = options;
            this.taken = taken;
            Path cache = options.cacheDir().toAbsolutePath().normalize();
            this.files = new RemoteFiles(null, cache, true);
            this.tags = new TagCache(cache.resolve("images"));
        }

        /** Notes the stamp of a local input: taken when it is read, so a later change cannot hide behind it. */
        void stamp(Path path) {
            if (taken == null) {
                return; // no stamps: reading the attributes would be wasted
            }
            stamps.putIfAbsent(InputStamps.absolute(path), InputStamps.stamp(path));
        }

        CreateFingerprint build(JackalPackage pkg) {
            line("jackal", JackalVersion.get());
            line("definition", DefinitionWriter.toYaml(pkg));
            line("architecture", pkg.metadata().architecture());
            line("flavor", options.flavor());
            line("set", new TreeMap<>(options.set()).toString());
            line("registryOverrides", options.registryOverrides().toString());
            line("skipSbom", String.valueOf(options.skipSbom()));
            line("maxPackageSizeMb", String.valueOf(options.maxPackageSizeMb()));
            line("compressionLevel", String.valueOf(options.compressionLevel()));
            line(
                    "timestamp",
                    options.timestamp() == null ? "clock" : options.timestamp().toString());
            line("recordBuilder", String.valueOf(options.recordBuilder() && options.timestamp() == null));
            new TreeMap<>(options.extraSboms()).forEach((name, json) -> line("sbom " + name, json));
            for (Path layout : options.imageLayouts()) {
                local("imageLayout", layout.resolve("index.json"));
            }
            for (ImageArchive archive : options.imageArchives()) {
                local("imageArchive", archive.file());
                archived.addAll(namesIn(archive.file()));
            }
            for (Component component : pkg.components()) {
                component(component);
            }
            return new CreateFingerprint(
                    HexFormat.of().formatHex(sha.digest()),
                    pkg.metadata().architecture(),
                    unpinned,
                    taken == null ? null : new InputStamps(InputStamps.settingsKey(options), stamps, taken));
        }

        private void component(Component component) {
            String at = "component " + component.name() + ", ";
            if (component.actions() != null && hasActions(component.actions().onCreate())) {
                unpinned.add(at + "actions.onCreate: what actions do is not tracked");
            }
            for (int i = 0; i < component.files().size(); i++) {
                FileSpec file = component.files().get(i);
                source(at + "files[" + i + "].source", file.source(), file.shasum());
            }
            for (int i = 0; i < component.dataInjections().size(); i++) {
                DataInjection data = component.dataInjections().get(i);
                source(at + "dataInjections[" + i + "].source", data.source(), null);
            }
            for (int m = 0; m < component.manifests().size(); m++) {
                ManifestSpec manifest = component.manifests().get(m);
                for (int f = 0; f < manifest.files().size(); f++) {
                    source(
                            at + "manifests[" + m + "].files[" + f + "]",
                            manifest.files().get(f),
                            null);
                }
                for (int k = 0; k < manifest.kustomizations().size(); k++) {
                    String source = manifest.kustomizations().get(k);
                    String field = at + "manifests[" + m + "].kustomizations[" + k + "]";
                    if (Sources.isHttp(source)) {
                        unpinned.add(field + ": the remote kustomization " + source + " may change");
                    } else {
                        local(field, options.packageDir().resolve(source));
                    }
                }
            }
            for (int c = 0; c < component.charts().size(); c++) {
                chart(at + "charts[" + c + "]", component.charts().get(c));
            }
            for (int r = 0; r < component.repos().size(); r++) {
                git(at + "repos[" + r + "]", component.repos().get(r));
            }
            for (int i = 0; i < component.images().size(); i++) {
                image(at + "images[" + i + "]", component.images().get(i));
            }
        }

        private void chart(String field, ChartSpec chart) {
            if (chart.localPath() != null && !chart.localPath().isEmpty()) {
                local(field + ".localPath", options.packageDir().resolve(chart.localPath()));
            } else if (chart.url().endsWith(".git") || chart.url().contains(".git@")) {
                git(field + ".url", chart.url());
            } else {
                line(field, chart.url() + " " + chart.version()); // a chart version is taken as immutable
            }
            for (int v = 0; v < chart.valuesFiles().size(); v++) {
                source(field + ".valuesFiles[" + v + "]", chart.valuesFiles().get(v), null);
            }
        }

        private void git(String field, String url) {
            String ref;
            try {
                ref = GitUrl.parse(url).ref();
            } catch (IllegalArgumentException e) {
                return; // the create says what is wrong
            }
            if (ref.isEmpty() || ref.startsWith("refs/heads/")) {
                unpinned.add(field + ": " + url + " names " + (ref.isEmpty() ? "no ref" : "a branch")
                        + " (pin a tag or commit)");
            } else {
                line(field, url + (SHA.matcher(ref).matches() ? "" : " (tag)"));
            }
        }

        private void image(String field, String name) {
            ImageReference reference;
            try {
                reference = ImageReference.parse(name);
            } catch (InvalidReferenceException e) {
                return; // the create says what is wrong
            }
            if (reference.digest().isPresent()) {
                line(field, reference.toString());
                return;
            }
            if (archived.contains(reference.toString())) {
                line(field, reference + " from an image archive");
                return;
            }
            for (Path dir : options.imageLayouts()) {
                // an image the build takes from a local layout (e.g. a Jib tar) counts by that entry's digest
                Optional<Descriptor> entry = OciLayout.open(dir).findEntry(reference);
                if (entry.isPresent()) {
                    line(field, reference + "@" + entry.get().digest() + " from " + dir);
                    return;
                }
            }
            List<RegistryOverride> overrides = new ArrayList<>();
            options.registryOverrides().forEach((from, to) -> overrides.add(new RegistryOverride(from, to)));
            ImageReference source = PullOptions.forArchitecture("amd64")
                    .withOverrides(overrides)
                    .source(reference);
            Optional<Descriptor> cached = options.offline() ? tags.lookup(source) : Optional.empty();
            if (cached.isPresent()) {
                line(field, reference + "@" + cached.get().digest());
            } else {
                unpinned.add(field + ": " + reference + " is named by a tag (pin it by digest, or build offline)");
            }
        }

        private void source(String field, String source, String shasum) {
            if (source == null) {
                return;
            }
            if (!Sources.isHttp(source)) {
                local(field, options.packageDir().resolve(source));
            } else if (shasum != null && !shasum.isEmpty()) {
                line(field, source + " " + shasum);
            } else if (options.offline() && files.lookup(source).isPresent()) {
                local(field, files.lookup(source).get());
            } else {
                unpinned.add(field + ": " + source + " has no shasum");
            }
        }

        /** The content of a local file or tree: relative names, executable bits, link targets and bytes. */
        private void local(String field, Path path) {
            stamp(path);
            try {
                if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    line(field, "missing");
                    return;
                }
                if (!Files.isDirectory(path)) {
                    line(field, Sha256.of(path));
                    return;
                }
                List<Path> entries;
                try (Stream<Path> walk = Files.walk(path)) {
                    entries = walk.sorted().toList();
                }
                for (Path entry : entries) {
                    stamp(entry);
                    String name =
                            field + "/" + path.relativize(entry).toString().replace('\\', '/');
                    if (Files.isSymbolicLink(entry)) {
                        line(name, "-> " + Files.readSymbolicLink(entry));
                    } else if (Files.isRegularFile(entry)) {
                        line(name, (Files.isExecutable(entry) ? "x " : "") + Sha256.of(entry));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }

        private void line(String key, String value) {
            sha.update((key + "\u0000" + value + "\u0000").getBytes(StandardCharsets.UTF_8));
        }

        /** The {@code ref.name} and {@code base.name} of each {@code index.json} entry of an OCI layout tar. */
        private static Set<String> namesIn(Path tar) {
            Set<String> names = new HashSet<>();
            try (TarArchiveInputStream in =
                    new TarArchiveInputStream(new java.io.BufferedInputStream(Files.newInputStream(tar)))) {
                for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    String name =
                            entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                    if (name.equals("index.json") && entry.getSize() < (1 << 20)) {
                        JsonNode index = JSON.readTree(in.readNBytes((int) entry.getSize()));
                        for (JsonNode manifest : index.path("manifests")) {
                            JsonNode annotations = manifest.path("annotations");
                            for (String key : List.of(Descriptor.REF_NAME, Descriptor.BASE_NAME)) {
                                if (annotations.path(key).isTextual()) {
                                    try {
                                        names.add(ImageReference.parse(
                                                        annotations.path(key).asText())
                                                .toString());
                                    } catch (InvalidReferenceException e) {
                                        // the create says what is wrong
                                    }
                                }
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not readable as a tar: the create says what is wrong
            }
            return names;
        }

        private static boolean hasActions(ActionSet set) {
            return set != null
                    && !(set.before().isEmpty()
                            && set.after().isEmpty()
                            && set.onSuccess().isEmpty()
                            && set.onFailure().isEmpty());
        }
    }
}
