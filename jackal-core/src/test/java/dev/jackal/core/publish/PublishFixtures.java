package dev.jackal.core.publish;

import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.create.CreateOptions;
import dev.jackal.core.create.CreateResult;
import dev.jackal.core.create.OciImageStep;
import dev.jackal.core.create.PackageCreator;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.oci.CredentialProvider;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.oci.Platform;
import dev.jackal.core.oci.RegistryOptions;
import dev.jackal.core.oci.image.ImageBuilder;
import dev.jackal.core.oci.image.ImageConfig;
import dev.jackal.core.oci.image.LayerEntry;
import dev.jackal.core.remote.RemoteOptions;
import dev.jackal.test.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * A package directory with two components, each with an image and a file of random (incompressible) bytes: {@code
 * app} (required) and {@code extra} (optional, its file much larger), and the archives create makes of it per
 * architecture, with images from local layouts (their registry is a port nothing listens on).
 */
final class PublishFixtures {

    static final String APP_IMAGE_PATH = "/jackal/app:1.0";
    static final String EXTRA_IMAGE_PATH = "/jackal/extra:1.0";

    final Path work;
    final Path dir;
    final String appImage;
    final String extraImage;

    PublishFixtures(Path work, int appBytes, int extraBytes) throws IOException {
        this.work = work;
        String registry = "127.0.0.1:" + Ports.free();
        this.appImage = registry + APP_IMAGE_PATH;
        this.extraImage = registry + EXTRA_IMAGE_PATH;
        this.dir = Files.createDirectories(work.resolve("pkg"));
        Files.write(dir.resolve("app.bin"), random(appBytes, 1));
        Files.write(dir.resolve("extra.bin"), random(extraBytes, 2));
        Files.writeString(
                dir.resolve("cm.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: published\ndata:\n  a: b\n");
        Files.writeString(
                dir.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: demo
                  version: 1.0.0
                  description: published by a test
                  vendor: jackal tests
                components:
                  - name: app
                    required: true
                    images:
                      - %s
                    manifests:
                      - name: config
                        namespace: demo
                        files:
                          - cm.yaml
                    files:
                      - source: app.bin
                        target: /opt/app.bin
                  - name: extra
                    images:
                      - %s
                    files:
                      - source: extra.bin
                        target: /opt/extra.bin
                """
                        .formatted(appImage, extraImage));
    }

    /** The archive of this package for {@code arch}. */
    Path create(String arch) throws IOException {
        return create(arch, Instant.parse("2026-01-02T03:04:05Z"), work.resolve("out-" + arch));
    }

    /** The archive of this package for {@code arch}, built at {@code timestamp} into {@code output}. */
    Path create(String arch, Instant timestamp, Path output) throws IOException {
        return create(arch, timestamp, output, 0);
    }

    /** As {@link #create(String, Instant, Path)}, split into parts of {@code maxPackageSizeMb} when above 0. */
    Path create(String arch, Instant timestamp, Path output, int maxPackageSizeMb) throws IOException {
        Path layout = work.resolve("layout-" + arch);
        if (!Files.exists(layout)) {
            image(layout, arch, appImage, 3);
            image(layout, arch, extraImage, 4);
        }
        CreateResult result = new PackageCreator(
                        EventHandler.NONE,
                        SkeletonResolver.LOCAL_ONLY,
                        new OciImageStep(EventHandler.NONE, CredentialProvider.anonymous()))
                .create(CreateOptions.builder(dir)
                        .outputDir(output)
                        .timestamp(timestamp)
                        .cacheDir(work.resolve("cache"))
                        .architecture(arch)
                        .skipSbom(true)
                        .plainHttp(true)
                        .retries(1)
                        .imageLayouts(List.of(layout))
                        .maxPackageSizeMb(maxPackageSizeMb)
                        .build());
        return result.archive();
    }

    private void image(Path layout, String arch, String reference, int seed) throws IOException {
        Path file = Files.createDirectories(work.resolve("image-files-" + arch)).resolve("payload-" + seed);
        Files.write(file, random(200_000, seed));
        ImageBuilder.forPlatform(Platform.linux(arch))
                .layer(List.of(LayerEntry.file(file, "/payload", 0644)))
                .config(ImageConfig.builder().entrypoint("/payload").build())
                .build(OciLayout.create(layout), ImageReference.parse(reference));
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Plain HTTP to a loopback registry, few fast retries. */
    static RemoteOptions options(int retries) {
        return new RemoteOptions(
                RegistryOptions.defaults()
                        .withPlainHttp(true)
                        .withRetries(retries)
                        .withBackoff(Duration.ofMillis(10), Duration.ofMillis(40)),
                CredentialProvider.anonymous(),
                3);
    }
}
