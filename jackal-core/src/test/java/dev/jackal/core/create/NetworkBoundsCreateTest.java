package dev.jackal.core.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.net.TransferBounds;
import dev.jackal.core.oci.CredentialProvider;
import dev.jackal.test.http.MisbehavingServer;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.oci.TestImage;
import dev.jackal.test.oci.TestImages;
import dev.jackal.test.registry.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code package create} against servers that misbehave ({@link MisbehavingServer} on loopback): remote files,
 * charts from a Helm repository, git repositories and images all fail by themselves within the bounds, with a
 * message naming the URL; a registry that drops one blob connection halfway still gives a package with the same
 * digests. No create here asks for plain HTTP.
 */
@Timeout(120) // without bounds, a silent server hangs the test instead of failing it
class NetworkBoundsCreateTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.plain();

    /** 1 s to connect, 1 s between bytes, at least 1000 bytes/s over any second. */
    static final TransferBounds SHORT = new TransferBounds(Duration.ofSeconds(1), Duration.ofSeconds(1), 1000);

    /** One attempt for files, charts and git; two for registries (--retries 1): a few seconds at most. */
    static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path pkg;

    @TempDir
    Path work;

    MisbehavingServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private CreateResult create() {
        return create(SHORT);
    }

    private CreateResult create(TransferBounds bounds) {
        return new PackageCreator(
                        EventHandler.NONE,
                        SkeletonResolver.LOCAL_ONLY,
                        new OciImageStep(EventHandler.NONE, CredentialProvider.anonymous()))
                .create(CreateOptions.builder(pkg)
                        .outputDir(work.resolve("out"))
                        .architecture("amd64")
                        .skipSbom(true)
                        .retries(1)
                        .network(bounds)
                        .cacheDir(work.resolve("cache"))
                        .build());
    }

    private void definition(String components) throws Exception {
        Files.writeString(
                pkg.resolve("jackal.yaml"),
                "kind: JackalPackageConfig\nmetadata:\n  name: net\n  version: 1.0.0\ncomponents:\n"
                        + components.indent(2));
    }

    /** Create fails (a CreateException, or an OciException for images) in time, naming the URL. */
    private RuntimeException failsInTime(String... urlParts) {
        long start = System.nanoTime();
        RuntimeException e = assertThrows(RuntimeException.class, (Executable) this::create);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(LIMIT) < 0, "failed after " + took + ": " + e.getMessage());
        for (String part : urlParts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
        assertEquals(List.of(), leftovers(work.resolve("out")), "no partial package");
        return e;
    }

    private void remoteFile() throws Exception {
        Path files = Files.createDirectories(work.resolve("files"));
        Files.write(files.resolve("data.bin"), new byte[64_000]);
        server = MisbehavingServer.serving(files);
        definition(
                """
                - name: remote
                  required: true
                  files:
                    - source: %s/data.bin
                      target: /opt/data.bin
                """
                        .formatted(server.baseUrl()));
    }

    @Test
    void aFileServerThatNeverAnswersFailsCreate() throws Exception {
        remoteFile();
        server.neverAnswer();
        failsInTime("files[0]", "no answer within 1 s from " + server.baseUrl() + "/data.bin");
    }

    @Test
    void aFileServerThatStallsMidBodyFailsCreate() throws Exception {
        remoteFile();
        server.stallAfter(10_000);
        failsInTime("no data for 1 s from " + server.baseUrl() + "/data.bin after 10000 bytes");
    }

    @Test
    void aFileServerThatTricklesFailsCreate() throws Exception {
        remoteFile();
        server.trickle(Duration.ofMillis(200));
        failsInTime(server.baseUrl() + "/data.bin sends too slowly", "below the minimum of 1000 bytes/s");
    }

    @Test
    void aClosedPortIsNamedWithoutANullMessage() throws Exception {
        remoteFile();
        server.close();
        RuntimeException e =
                failsInTime("cannot download " + server.baseUrl() + "/data.bin: cannot connect to " + server.address());
        assertTrue(!e.getMessage().contains("null"), e.getMessage());
    }

    @Test
    void aHelmRepositoryWhoseChartStallsFailsCreate() throws Exception {
        Path repo = Files.createDirectories(work.resolve("helm-repo"));
        Helm.create().withName("slow").withDir(work).call();
        new Helm(work.resolve("slow")).packageIt().withDestination(repo).call();
        Files.writeString(
                repo.resolve("index.yaml"),
                """
                apiVersion: v1
                entries:
                  slow:
                    - name: slow
                      version: 0.1.0
                      urls: [slow-0.1.0.tgz]
                """);
        server = MisbehavingServer.serving(repo);
        definition(
                """
                - name: chart
                  required: true
                  charts:
                    - name: slow
                      version: 0.1.0
                      namespace: slow
                      url: %s
                """
                        .formatted(server.baseUrl()));
        server.onlyPaths(p -> p.endsWith(".tgz")).stallAfter(100);

        failsInTime("charts[0]", "no data for 1 s from " + server.baseUrl() + "/slow-0.1.0.tgz");

        server.onlyPaths(p -> p.endsWith("index.yaml")).trickle(Duration.ofMillis(200));
        failsInTime("charts[0]", server.baseUrl() + "/index.yaml sends too slowly");
    }

    @Test
    void aGitServerThatNeverAnswersFailsCreate() throws Exception {
        server = MisbehavingServer.serving(work);
        server.neverAnswer();
        String url = server.baseUrl() + "/org/silent.git";
        definition(
                """
                - name: git
                  required: true
                  repos:
                    - %s
                """
                        .formatted(url));

        failsInTime("repos[0]", "cannot clone " + url);
    }

    @Test
    void aRegistryThatNeverAnswersFailsCreate() throws Exception {
        server = MisbehavingServer.proxying(REGISTRY.registry().baseUrl());
        server.neverAnswer();
        definition(
                """
                - name: images
                  required: true
                  images:
                    - %s/silent/app:1
                """
                        .formatted(server.address()));

        failsInTime("no answer within 1 s from https://" + server.address() + "/v2/silent/app/manifests/1");
    }

    @Test
    void aRegistryThatDropsABlobConnectionHalfwayIsResumed() throws Exception {
        Skopeo skopeo = Skopeo.find();
        TestImage image = TestImages.builder()
                .layers(2)
                .layerSize(300_000)
                .seed(91)
                .tag("1")
                .push(skopeo, REGISTRY.registry(), "resume/app", work);
        server = MisbehavingServer.proxying(REGISTRY.registry().baseUrl());
        server.onlyPaths(p -> p.contains("/blobs/")).dropOnceAfter(100_000);
        definition(
                """
                - name: images
                  required: true
                  images:
                    - %s/resume/app:1
                """
                        .formatted(server.address()));

        // the default bounds: success must not depend on the machine's load
        CreateResult result = create(TransferBounds.defaults());

        assertTrue(server.droppedOnce());
        assertTrue(
                server.requests().stream().anyMatch(r -> "bytes=100000-".equals(r.range()) && r.status() == 206),
                server.requests().toString());
        assertTrue(Files.isRegularFile(result.archive()));
        Path blobs = work.resolve("cache/images/blobs/sha256");
        for (String layer : image.layerDigests()) {
            Path blob = blobs.resolve(layer.substring("sha256:".length()));
            assertEquals(layer, "sha256:" + dev.jackal.core.fetch.Downloader.sha256(blob), "cached " + layer);
        }
        assertEquals(List.of(), leftovers(work.resolve("cache")), "no temporary files in the cache");
    }

    /** Dot-files (build directories, partial downloads) under {@code dir}. */
    private static List<Path> leftovers(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
