package dev.jackal.core.create;

import dev.jackal.core.JackalVersion;
import dev.jackal.core.action.ActionRunner;
import dev.jackal.core.action.Redactor;
import dev.jackal.core.archive.ArchiveOptions;
import dev.jackal.core.archive.Checksums;
import dev.jackal.core.archive.PackageArchiver;
import dev.jackal.core.archive.ReproducibleTar;
import dev.jackal.core.archive.SplitArchive;
import dev.jackal.core.compose.Migrations;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.definition.DefinitionWriter;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.git.GitCredentials;
import dev.jackal.core.layout.ComponentLayout;
import dev.jackal.core.layout.PackageLayout;
import dev.jackal.core.model.BuildData;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.oci.Digest;
import dev.jackal.core.oci.DockerConfigCredentials;
import dev.jackal.core.sbom.Sboms;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * {@code package create} (spec §3.1): prepare the definition, build every component, pull the images, write
 * SBOMs, archive the components, write checksums and the definition, and pack it all into one archive.
 */
public final class PackageCreator {

    /** Below the cache directory: one {@link StagingArea} per running create. */
    static final String STAGING_DIR = "tmp";

    private final EventHandler events;
    private final SkeletonResolver skeletons;
    private final ImageStep images;

    public PackageCreator(EventHandler events, SkeletonResolver skeletons, ImageStep images) {
        this.events = events;
        this.skeletons = skeletons;
        this.images = images;
    }

    public CreateResult create(CreateOptions options) {
        PreparedDefinition prepared = new DefinitionPreparer(skeletons)
                .prepare(
                        options.packageDir(),
                        options.architecture(),
                        options.flavor(),
                        options.set(),
                        options.missingValues());
        prepared.warnings().forEach(events::warn);
        JackalPackage pkg = withDefaultVersion(prepared.pkg(), options.defaultVersion());
        if (options.recordBuilder() && options.timestamp() != null) {
            events.warn("the build is reproducible (fixed build timestamp): host and user names are left out of"
                    + " the package although recording them was asked for");
        }
        if (!options.confirmation().test(pkg)) {
            throw new CreateCancelledException(pkg.metadata().name());
        }
        events.lifecycle("creating package " + pkg.metadata().name() + " for "
                + pkg.metadata().architecture()
                + (options.flavor().isEmpty() ? "" : " (flavor " + options.flavor() + ")")
                + (options.offline() ? ", offline (from the cache " + options.cacheDir() + ")" : ""));
        try (StagingArea area = StagingArea.create(
                options.cacheDir().toAbsolutePath().normalize().resolve(STAGING_DIR))) {
            Files.createDirectories(options.outputDir());
            Path build = area.dir();
            PackageLayout layout = new PackageLayout(build.resolve("package"));
            Path staging = build.resolve("staging");
            Files.createDirectories(layout.componentsDir());
            ActionRunner actions = new ActionRunner(events, options.packageDir(), Map.of(), Redactor.none(), "jackal ");
            ComponentAssembler assembler = new ComponentAssembler(
                    events,
                    options.packageDir(),
                    actions,
                    GitCredentials.fromHome(),
                    Registries.client(options, DockerConfigCredentials.fromEnvironment()),
                    options.network(),
                    options.cacheDir().toAbsolutePath().normalize(),
                    options.offline(),
                    options.proxy());
            List<ComponentLayout> built = new ArrayList<>();
            for (Component component : pkg.components()) {
                ComponentLayout componentLayout = assembler.assemble(component, staging.resolve("components"));
                built.add(componentLayout);
                if (hasFiles(componentLayout.root())) {
                    ReproducibleTar.write(
                            componentLayout.root(), component.name(), layout.componentTar(component.name()));
                }
            }
            List<ImageStep.Image> pulled = images.pull(pkg, layout.images(), options);
            if (!options.skipSbom()) {
                writeSboms(pkg, layout, built, pulled, staging.resolve(PackageLayout.SBOM_DIR), options.extraSboms());
            }
            String aggregate =
                    Checksums.write(layout.root(), images.verifiesBlobDigests() ? blobDigests(layout) : Map.of());
            JackalPackage stored = withBuild(pkg, options, aggregate);
            DefinitionWriter.write(stored, layout.definition());
            String name = PackageNames.archive(stored, options.flavor());
            events.lifecycle("writing " + options.outputDir().resolve(name));
            Path archive = Files.createDirectories(build.resolve("out")).resolve(name);
            PackageArchiver.archive(
                    layout.root(),
                    archive,
                    ArchiveOptions.defaults()
                            .withLevel(options.compressionLevel())
                            .withUncompressed(
                                    Boolean.TRUE.equals(stored.metadata().uncompressed())));
            List<Path> staged = new ArrayList<>();
            if (options.maxPackageSizeMb() > 0) {
                staged.addAll(SplitArchive.split(archive, options.maxPackageSizeMb())
                        .map(PackageCreator::partsOf)
                        .orElse(List.of(archive)));
            } else {
                staged.add(archive);
            }
            for (Path file : staged) {
                // archives are shared artifacts, not private temp files
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
            List<Path> files = OutputPublisher.publish(area, staged, options.outputDir());
            events.lifecycle("created " + files.get(0) + " (aggregate checksum " + aggregate + ")");
            return new CreateResult(files, stored, aggregate);
        } catch (IOException e) {
            throw new UncheckedIOException("package create failed: " + e.getMessage(), e);
        }
    }

    private void writeSboms(
            JackalPackage pkg,
            PackageLayout layout,
            List<ComponentLayout> built,
            List<ImageStep.Image> pulled,
            Path sbomDir,
            Map<String, String> extra)
            throws IOException {
        Files.createDirectories(sbomDir);
        boolean any = false;
        for (Map.Entry<String, String> document : extra.entrySet()) {
            Files.writeString(sbomDir.resolve(document.getKey()), document.getValue());
            any = true;
        }
        // Scanning reads (and for gzip layers inflates) every layer: one image per core at a time.
        int threads = Math.max(1, Math.min(pulled.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "jackal-sbom");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Optional<String>>> scans = new ArrayList<>();
            for (ImageStep.Image image : pulled) {
                scans.add(pool.submit(() -> Sboms.image(layout.images(), image.reference(), image.digest())));
            }
            for (int i = 0; i < pulled.size(); i++) {
                Optional<String> json = await(scans.get(i));
                if (json.isPresent()) {
                    Files.writeString(
                            sbomDir.resolve(Sboms.imageFileName(pulled.get(i).reference())), json.get());
                    any = true;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (ComponentLayout component : built) {
            if (Sboms.hasFiles(component.root())) {
                String name = component.root().getFileName().toString();
                Files.writeString(
                        sbomDir.resolve(Sboms.componentFileName(name)), Sboms.component(name, component.root()));
                any = true;
            }
        }
        if (any) {
            ReproducibleTar.write(sbomDir, "", layout.sboms());
        }
    }

    private static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing SBOMs");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** {@code images/blobs/sha256/<hex>} to {@code <hex>}, for every blob file of the package's image layout. */
    private static Map<String, String> blobDigests(PackageLayout layout) throws IOException {
        Path blobs = layout.images().resolve("blobs").resolve(Digest.SHA256);
        Map<String, String> digests = new HashMap<>();
        if (!Files.isDirectory(blobs)) {
            return digests;
        }
        try (Stream<Path> list = Files.list(blobs)) {
            for (Path blob : (Iterable<Path>) list::iterator) {
                String hex = blob.getFileName().toString();
                if (Digest.isValid(Digest.SHA256 + ":" + hex) && Files.isRegularFile(blob, LinkOption.NOFOLLOW_LINKS)) {
                    digests.put(layout.root().relativize(blob).toString().replace('\\', '/'), hex);
                }
            }
        }
        return digests;
    }

    private static boolean hasFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.anyMatch(p -> !Files.isDirectory(p));
        }
    }

    private static List<Path> partsOf(Path part000) {
        String base = part000.getFileName().toString().replaceAll("\\.part000$", "");
        try (Stream<Path> list = Files.list(part000.getParent())) {
            return list.filter(p ->
                            p.getFileName().toString().matches(java.util.regex.Pattern.quote(base) + "\\.part\\d{3}"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JackalPackage withDefaultVersion(JackalPackage pkg, String defaultVersion) {
        String version = pkg.metadata().version();
        if (defaultVersion == null || (version != null && !version.isBlank())) {
            return pkg;
        }
        return pkg.withMetadata(pkg.metadata().withVersion(defaultVersion));
    }

    private static JackalPackage withBuild(JackalPackage pkg, CreateOptions options, String aggregate) {
        // host and user name only on request, and never in a reproducible build: they identify people and make
        // builds differ by machine
        boolean recordBuilder = options.recordBuilder() && options.timestamp() == null;
        BuildData build = new BuildData(
                recordBuilder ? hostname() : null,
                recordBuilder ? System.getProperty("user.name", "") : null,
                pkg.metadata().architecture(),
                (options.timestamp() == null
                                ? ZonedDateTime.now()
                                : options.timestamp().atZone(java.time.ZoneOffset.UTC))
                        .format(DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)),
                "v" + JackalVersion.get(),
                Migrations.ALL,
                options.registryOverrides(),
                null,
                null,
                null,
                JackalVersion.LAST_NON_BREAKING,
                options.flavor().isEmpty() ? null : options.flavor());
        return pkg.withMetadata(pkg.metadata().withAggregateChecksum(aggregate)).withBuild(build);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "";
        }
    }
}
