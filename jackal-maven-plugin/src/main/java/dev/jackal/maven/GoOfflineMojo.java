package dev.jackal.maven;

import dev.jackal.core.JackalException;
import dev.jackal.core.compose.Composer;
import dev.jackal.core.create.CreateOptions;
import dev.jackal.core.create.PackageCreator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Fills jackal's cache ({@code jackal.cache}, default {@code ~/.jackal-cache}) with everything {@code jackal:package}
 * fetches: images (and the digest each tag names), remote files, Helm repository and OCI charts, git repositories,
 * and the skeletons that {@code import.url: oci://} names (those the imported skeletons import too). Then
 * {@code mvn -o package} builds without network, on an air-gapped build machine too. It prepares the architecture
 * and flavor of every {@code package} execution in the POM; other settings come from the plugin's
 * configuration and the jackal properties. It builds each package once, without SBOMs, into a scratch directory
 * that it deletes, and attaches nothing. Bound to no phase; it needs the network, so it refuses to run offline.
 */
@Mojo(name = "go-offline", threadSafe = true)
public final class GoOfflineMojo extends PackageMojo {

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (session.isOffline()) {
            throw new MojoFailureException("jackal:go-offline fills jackal's cache from the network; run it without"
                    + " -o (--offline), then build with mvn -o package");
        }
        RawConfiguration raw = raw();
        MavenEvents events = new MavenEvents(getLog());
        String ownArchitecture = architecture;
        String ownFlavor = flavor;
        try {
            if (raw.bool(PropertyNames.SKIP, skip)) {
                getLog().info("jackal: skipped");
                return;
            }
            Path dir = raw.path(PropertyNames.PACKAGE_DIRECTORY, packageDirectory);
            if (!Files.isRegularFile(dir.resolve(Composer.DEFINITION_FILE))) {
                getLog().info("jackal: nothing to cache, " + project.getArtifactId() + " has no "
                        + Composer.DEFINITION_FILE);
                return;
            }
            String pluginKey = mojoExecution == null
                    ? "dev.jackal:jackal-maven-plugin"
                    : mojoExecution.getMojoDescriptor().getPluginDescriptor().getPluginLookupKey();
            List<PackageExecutions.Variant> variants =
                    PackageExecutions.of(project, pluginKey, ownArchitecture, ownFlavor);
            for (PackageExecutions.Variant variant : variants) {
                architecture = variant.architecture();
                flavor = variant.flavor();
                Path scratch = Files.createTempDirectory(
                        Files.createDirectories(raw.path(PropertyNames.OUTPUT_DIRECTORY, outputDirectory)),
                        "jackal-go-offline-");
                try {
                    CreateOptions options = options(raw, dir)
                            .offline(false)
                            .outputDir(scratch)
                            .skipSbom(true)
                            .compressionLevel(1)
                            .build();
                    new PackageCreator(events, skeletons(events, options), imageStep(events)).create(options);
                } finally {
                    delete(scratch);
                }
                getLog().info("jackal: cached what package needs for " + variant.described() + " in "
                        + (raw.path(PropertyNames.CACHE, cache) == null
                                ? "~/.jackal-cache"
                                : raw.path(PropertyNames.CACHE, cache)));
            }
        } catch (MissingValue e) {
            throw new MojoFailureException(e.describe());
        } catch (IllegalArgumentException | JackalException e) {
            throw new MojoFailureException(MavenMessages.describe(e));
        } catch (IOException | RuntimeException e) {
            throw new MojoExecutionException("jackal: go-offline failed: " + MavenMessages.describe(e), e);
        } finally {
            architecture = ownArchitecture;
            flavor = ownFlavor;
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
