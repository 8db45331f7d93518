package dev.jackal.core.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.net.TransferBounds;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls through a {@link MisbehavingServer} in front of a real registry: a registry that never answers, stalls or
 * trickles fails the pull within the bounds with a message naming the URL; a blob connection dropped halfway is
 * resumed with a range request (or read again when the server ignores ranges). No partial blob enters the cache.
 * No client here asks for plain HTTP: the loopback server is found not to speak TLS.
 */
@Timeout(120) // without bounds, a silent server hangs the test instead of failing it
class UnreliableRegistryTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.plain();

    /** Short bounds, so failures come in seconds: 1 s to connect, 1 s between bytes, 1000 bytes/s. */
    static final TransferBounds SHORT = new TransferBounds(Duration.ofSeconds(1), Duration.ofSeconds(1), 1000);

    /** Retries 2: three attempts of at most about 2 s each, plus the back-off. */
    static final Duration LIMIT = Duration.ofSeconds(10);

    final Skopeo skopeo = Skopeo.find();

    @TempDir
    Path work;

    MisbehavingServer server;

    @BeforeEach
    void start() {
        server = MisbehavingServer.proxying(REGISTRY.registry().baseUrl());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    RegistryClient client(TransferBounds bounds) {
        return RegistryClient.builder()
                .defaults(OciFixtures.fast().withBounds(bounds))
                .build();
    }

    /** Pulls with the short bounds: for the failures. */
    PullResult pull(ImageReference ref, String layout) {
        return pull(ref, layout, SHORT);
    }

    /** Pulls with {@code bounds}: the default ones where success must not depend on the machine's load. */
    PullResult pull(ImageReference ref, String layout, TransferBounds bounds) {
        return new ImageCopier(client(bounds), work.resolve("cache"))
                .pull(List.of(ref), OciLayout.create(work.resolve(layout)), PullOptions.forArchitecture("amd64"));
    }

    ImageReference viaServer(String repositoryAndTag) {
        return ImageReference.parse(server.address() + "/" + repositoryAndTag);
    }

    TestImage push(String repository, long seed) {
        return TestImages.builder()
                .layers(2)
                .layerSize(300_000)
                .seed(seed)
                .tag("1")
                .push(skopeo, REGISTRY.registry(), repository, work);
    }

    @Test
    void aBlobConnectionDroppedHalfwayIsResumedWithTheSameDigests() throws Exception {
        TestImage image = push("drop/resume", 81);
        server.onlyPaths(p -> p.contains("/blobs/")).dropOnceAfter(100_000);

        PullResult result = pull(viaServer("drop/resume:1"), "out", TransferBounds.defaults());

        assertTrue(server.droppedOnce());
        assertEquals(
                image.digest(), result.images().get(0).descriptor().digest().toString());
        assertTrue(
                server.requests().stream().anyMatch(r -> "bytes=100000-".equals(r.range()) && r.status() == 206),
                "the rest was asked for with a range: " + server.requests());
        ImageCopierContract.assertBlobsIntact(OciLayout.open(work.resolve("out")), image.layerDigests());
        ImageCopierContract.assertBlobsIntact(OciLayout.open(work.resolve("cache")), image.layerDigests());
        assertNoPartialFiles();
    }

    @Test
    void aServerThatIgnoresRangesIsReadAgainFromTheStart() throws Exception {
        TestImage image = push("drop/norange", 82);
        server.onlyPaths(p -> p.contains("/blobs/")).ignoreRange(true).dropOnceAfter(100_000);

        PullResult result = pull(viaServer("drop/norange:1"), "out", TransferBounds.defaults());

        assertTrue(server.droppedOnce());
        assertEquals(
                image.digest(), result.images().get(0).descriptor().digest().toString());
        assertTrue(
                server.requests().stream().anyMatch(r -> "bytes=100000-".equals(r.range()) && r.status() == 200),
                "the range was asked for and the whole blob came: " + server.requests());
        ImageCopierContract.assertBlobsIntact(OciLayout.open(work.resolve("out")), image.layerDigests());
        assertNoPartialFiles();
    }

    @Test
    void aRegistryThatNeverAnswersFailsWithinTheBound() {
        server.neverAnswer();
        ImageReference ref = viaServer("silent/app:1");

        RegistryConnectionException e = timed(() -> pull(ref, "out"));

        assertTrue(
                e.getMessage()
                        .contains(
                                "no answer within 1 s from https://" + server.address() + "/v2/silent/app/manifests/1"),
                e.getMessage());
        assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
    }

    @Test
    void aStalledBlobFailsWithinTheBoundAndLeavesNothingInTheCache() throws Exception {
        TestImage image = push("stall/app", 83);
        server.onlyPaths(p -> p.contains("/blobs/")).stallAfter(50_000);

        RegistryConnectionException e = timed(() -> pull(viaServer("stall/app:1"), "out"));

        assertTrue(
                e.getMessage()
                        .contains("no data for 1 s from http://" + server.address() + "/v2/stall/app/blobs/sha256:"),
                e.getMessage());
        OciLayout cache = OciLayout.open(work.resolve("cache"));
        for (String layer : image.layerDigests()) {
            Path blob = cache.blobPath(Digest.of(layer));
            assertTrue(!Files.exists(blob) || OciFixtures.sha256(blob).equals(layer), "no corrupt " + layer);
        }
        assertFalse(image.layerDigests().stream().allMatch(l -> Files.exists(cache.blobPath(Digest.of(l)))));
        assertNoPartialFiles();
    }

    @Test
    void aTricklingManifestFailsWithinTheBound() {
        push("trickle/app", 84);
        server.onlyPaths(p -> p.contains("/manifests/")).trickle(Duration.ofMillis(200));

        RegistryConnectionException e = timed(() -> pull(viaServer("trickle/app:1"), "out"));

        assertTrue(
                e.getMessage()
                        .matches("(?s).*http://" + server.address()
                                + "/v2/trickle/app/manifests/\\S+ sends too slowly.*"),
                e.getMessage());
        assertTrue(e.getMessage().contains("below the minimum of 1000 bytes/s"), e.getMessage());
    }

    @Test
    void aStalledTagListFailsWithinTheBound() {
        push("stall/tags", 85);
        server.onlyPaths(p -> p.contains("/tags/")).stallAfter(5);

        RegistryConnectionException e = timed(() -> client(SHORT).tags(viaServer("stall/tags")));

        assertTrue(
                e.getMessage()
                        .contains("no complete answer within 2 s from http://" + server.address()
                                + "/v2/stall/tags/tags/list"),
                e.getMessage());
    }

    private RegistryConnectionException timed(org.junit.jupiter.api.function.Executable pull) {
        long start = System.nanoTime();
        RegistryConnectionException e = assertThrows(RegistryConnectionException.class, pull);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(LIMIT) < 0, "failed after " + took + ": " + e.getMessage());
        return e;
    }

    private void assertNoPartialFiles() throws Exception {
        Path cache = work.resolve("cache");
        if (!Files.exists(cache)) {
            return;
        }
        try (Stream<Path> files = Files.walk(cache)) {
            List<Path> partial = files.filter(p -> p.getFileName().toString().startsWith("."))
                    .toList();
            assertEquals(List.of(), partial, "no temporary files left in the cache");
        }
    }
}
