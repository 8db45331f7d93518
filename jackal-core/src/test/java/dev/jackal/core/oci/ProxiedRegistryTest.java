package dev.jackal.core.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.oci.TestImage;
import dev.jackal.test.oci.TestImages;
import dev.jackal.test.registry.OciRegistry;
import dev.jackal.test.registry.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios that need to see or shape the traffic: a {@link RegistryProxy} in front of a real registry counts
 * requests (cache reuse, retries, bounded concurrency) and plays a Bearer token server.
 */
class ProxiedRegistryTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.plain();

    final Skopeo skopeo = Skopeo.find();

    @TempDir
    Path work;

    RegistryProxy proxy;

    @BeforeEach
    void startProxy() throws Exception {
        proxy = RegistryProxy.start(registry().baseUrl());
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    OciRegistry registry() {
        return REGISTRY.registry();
    }

    RegistryClient client(CredentialProvider credentials) {
        return RegistryClient.builder()
                .credentials(credentials)
                .options(proxy.address(), OciFixtures.fast().withPlainHttp(true))
                .build();
    }

    RegistryClient client() {
        return client(CredentialProvider.anonymous());
    }

    ImageReference viaProxy(String repositoryAndRef) {
        return ImageReference.parse(proxy.address() + "/" + repositoryAndRef);
    }

    PullResult pull(RegistryClient client, String layout, PullOptions options, ImageReference... refs) {
        return new ImageCopier(client, work.resolve("cache"))
                .pull(List.of(refs), OciLayout.create(work.resolve(layout)), options);
    }

    @Test
    void aSecondPullDownloadsNoBlobItAlreadyHolds() throws Exception {
        TestImage image = TestImages.builder().layers(3).seed(50).tag("1").push(skopeo, registry(), "cache/app", work);
        ImageReference ref = viaProxy("cache/app:1");

        PullResult first = pull(client(), "first", PullOptions.forArchitecture("amd64"), ref);
        assertEquals(4, first.blobsDownloaded());
        assertEquals(4, proxy.count("GET blobs"));

        proxy.resetCounts();
        PullResult second = pull(client(), "second", PullOptions.forArchitecture("amd64"), ref);

        assertEquals(0, proxy.count("GET blobs"), "no blob requested again");
        assertEquals(0, proxy.count("GET manifests"), "the manifest came from the cache after a HEAD");
        assertEquals(1, proxy.count("HEAD manifests"), "the tag is still resolved");
        assertEquals(0, second.blobsDownloaded());
        assertEquals(4, second.blobsReused());
        OciLayout layout = OciLayout.open(work.resolve("second"));
        assertEquals(
                image.digest(), layout.findEntry(ref).orElseThrow().digest().toString());
        ImageCopierContract.assertBlobsIntact(layout, image.layerDigests());
    }

    @Test
    void aDownloadedBlobIsLinkedFromTheCacheNotCopied() throws Exception {
        TestImage image = TestImages.builder().layers(2).seed(53).tag("1").push(skopeo, registry(), "cache/link", work);
        pull(client(), "linked", PullOptions.forArchitecture("amd64"), viaProxy("cache/link:1"));

        OciLayout layout = OciLayout.open(work.resolve("linked"));
        OciLayout cache = OciLayout.open(work.resolve("cache"));
        for (String layer : image.layerDigests()) {
            Digest digest = Digest.of(layer);
            assertTrue(Files.isSameFile(cache.blobPath(digest), layout.blobPath(digest)), layer);
        }
        ImageCopierContract.assertBlobsIntact(layout, image.layerDigests());
    }

    @Test
    void aDamagedCachedBlobIsDownloadedAgain() throws Exception {
        TestImage image = TestImages.builder().layers(2).seed(54).tag("1").push(skopeo, registry(), "cache/heal", work);
        ImageReference ref = viaProxy("cache/heal:1");
        pull(client(), "first", PullOptions.forArchitecture("amd64"), ref);
        // a new file in the cache (the first layout keeps its own link to the good one)
        Path cached = OciLayout.open(work.resolve("cache"))
                .blobPath(Digest.of(image.layerDigests().get(0)));
        long size = Files.size(cached);
        Files.delete(cached);
        Files.write(cached, new byte[(int) size]);

        proxy.resetCounts();
        PullResult second = pull(client(), "second", PullOptions.forArchitecture("amd64"), ref);

        assertEquals(1, proxy.count("GET blobs"), "only the damaged blob is fetched again");
        assertEquals(1, second.blobsDownloaded());
        ImageCopierContract.assertBlobsIntact(OciLayout.open(work.resolve("second")), image.layerDigests());
        ImageCopierContract.assertBlobsIntact(OciLayout.open(work.resolve("cache")), image.layerDigests());
        ImageCopierContract.assertBlobsIntact(OciLayout.open(work.resolve("first")), image.layerDigests());
    }

    @Test
    void aCachedDigestPullNeedsNoRegistryAtAll() throws Exception {
        TestImage image = TestImages.builder()
                .platforms("linux/amd64", "linux/arm64")
                .seed(51)
                .tag("idx")
                .push(skopeo, registry(), "cache/index", work);
        ImageReference ref = viaProxy("cache/index@" + image.digest());
        pull(client(), "first", PullOptions.forArchitecture("amd64"), ref);

        proxy.close();
        PullResult offline = pull(client(), "offline", PullOptions.forArchitecture("amd64"), ref);

        assertEquals(0, offline.blobsDownloaded());
        OciLayout layout = OciLayout.open(work.resolve("offline"));
        assertEquals(
                image.digest(), layout.findEntry(ref).orElseThrow().digest().toString());
        ImageCopierContract.assertBlobsIntact(layout, image.layerDigests());
    }

    @Test
    void bearerTokensAreFetchedFromTheRealmWithServiceAndScope() throws Exception {
        TestImage image = TestImages.builder().seed(52).tag("1").push(skopeo, registry(), "bearer/app", work);
        proxy.requireBearer("robot", "s3cret-token-pass");
        RegistryClient client =
                client(CredentialProvider.of(Map.of(proxy.address(), new Credentials("robot", "s3cret-token-pass"))));
        ImageReference ref = viaProxy("bearer/app:1");

        PullResult result = pull(client, "out", PullOptions.forArchitecture("amd64"), ref);
        assertEquals(
                image.digest(), result.images().get(0).descriptor().digest().toString());
        assertEquals(
                1, proxy.tokenQueries().size(), "one token, reused for every pull request: " + proxy.tokenQueries());
        assertEquals(
                "service=jackal-proxy&scope=repository%3Abearer%2Fapp%3Apull",
                proxy.tokenQueries().get(0));

        proxy.resetCounts();
        OciLayout layout = OciLayout.open(work.resolve("out"));
        Descriptor pushed = OciCopy.copy(layout, ref, client, viaProxy("bearer/copy:2"));
        assertEquals(image.digest(), pushed.digest().toString());
        assertTrue(
                proxy.tokenQueries().contains("service=jackal-proxy&scope=repository%3Abearer%2Fcopy%3Apull%2Cpush"),
                proxy.tokenQueries().toString());
        assertEquals(image.digest(), OciFixtures.sha256(skopeo.inspectRaw(registry(), "bearer/copy:2")));
    }

    @Test
    void theCatalogAsksForTheCatalogScopeAndReadsEveryPage() {
        List<String> pushed = List.of("cat/x", "cat/y", "cat/z");
        for (String repository : pushed) {
            TestImages.builder().seed(55).tag("1").push(skopeo, registry(), repository, work);
        }
        proxy.requireBearer("robot", "s3cret-token-pass");
        RegistryClient client =
                client(CredentialProvider.of(Map.of(proxy.address(), new Credentials("robot", "s3cret-token-pass"))));

        List<String> names = client.catalog(proxy.address(), 2);

        assertTrue(names.containsAll(pushed), names.toString());
        assertEquals(names.size(), Set.copyOf(names).size(), "each name once: " + names);
        assertEquals(
                List.of("service=jackal-proxy&scope=registry%3Acatalog%3A*"),
                proxy.tokenQueries(),
                "one token for the catalog scope, reused for every page");
        assertTrue(
                proxy.count("GET catalog") >= 1 + (names.size() + 1) / 2,
                "a 401, then one request per page of two: " + proxy.count("GET catalog"));
    }

    @Test
    void aRejectedTokenRequestIsAnAuthErrorWithoutSecrets() {
        TestImages.builder().seed(53).tag("1").push(skopeo, registry(), "bearer/denied", work);
        proxy.requireBearer("robot", "right-password");
        RegistryClient wrong =
                client(CredentialProvider.of(Map.of(proxy.address(), new Credentials("robot", "wrong-password-42"))));

        RegistryAuthException e =
                assertThrows(RegistryAuthException.class, () -> wrong.manifest(viaProxy("bearer/denied:1")));
        assertTrue(e.getMessage().contains("rejected the credentials of user 'robot'"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-password-42"));

        RegistryAuthException anonymous =
                assertThrows(RegistryAuthException.class, () -> client().manifest(viaProxy("bearer/denied:1")));
        assertTrue(anonymous.getMessage().contains("requires authentication"), anonymous.getMessage());
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() throws Exception {
        TestImage image = TestImages.builder().seed(54).tag("1").push(skopeo, registry(), "retry/app", work);
        proxy.failNext(2, 503);

        Descriptor resolved = client().resolve(viaProxy("retry/app:1"));

        assertEquals(image.digest(), resolved.digest().toString());
        assertEquals(3, proxy.count("HEAD manifests"), "two failures, then success");
    }

    @Test
    void persistentServerErrorsEndInARegistryException() {
        proxy.failNext(100, 502);
        RegistryException e = assertThrows(RegistryException.class, () -> client().manifest(viaProxy("retry/none:1")));
        assertEquals(502, e.status());
        assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
        assertEquals(3, proxy.count("GET manifests"));
    }

    @Test
    void clientErrorsAreNotRetried() {
        assertThrows(ImageNotFoundException.class, () -> client().manifest(viaProxy("retry/missing:1")));
        assertEquals(1, proxy.count("GET manifests"));
    }

    @Test
    void blobDownloadsShareOneBoundedPoolAcrossImages() throws Exception {
        List<ImageReference> refs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestImages.builder()
                    .layers(3)
                    .layerSize(20_000)
                    .seed(60 + i)
                    .tag("1")
                    .push(skopeo, registry(), "pool/app" + i, work);
            refs.add(viaProxy("pool/app" + i + ":1"));
        }
        proxy.delayBlobDownloads(Duration.ofMillis(150));
        RecordingListener listener = new RecordingListener();

        PullResult result = new ImageCopier(client(), null)
                .pull(
                        refs,
                        OciLayout.create(work.resolve("out")),
                        PullOptions.forArchitecture("amd64").withListener(listener));

        assertEquals(12, result.blobsDownloaded());
        // the pool's own count is exact; the proxy's can see one more at a hand-over, since it marks a download done
        // only after the client has read the last byte and may already have sent the next request
        assertEquals(PullOptions.DEFAULT_CONCURRENCY, listener.maxInFlight.get(), "3 at once, over all images");
        int atProxy = proxy.maxConcurrentBlobDownloads();
        assertTrue(
                atProxy >= PullOptions.DEFAULT_CONCURRENCY && atProxy <= PullOptions.DEFAULT_CONCURRENCY + 1,
                "the registry saw " + atProxy + " blob downloads at once");
        assertEquals(12, listener.started.get());
        assertEquals(12, listener.done.get());
        assertEquals(3, listener.images.size());
        assertTrue(listener.threads.stream().allMatch(t -> t.startsWith("jackal-oci-")), listener.threads.toString());
        assertEquals(PullOptions.DEFAULT_CONCURRENCY, listener.threads.size());
    }

    @Test
    void concurrencyOneDownloadsOneBlobAtATime() throws Exception {
        TestImages.builder().layers(3).seed(70).tag("1").push(skopeo, registry(), "pool/serial", work);
        proxy.delayBlobDownloads(Duration.ofMillis(50));
        RecordingListener listener = new RecordingListener();
        new ImageCopier(client(), null)
                .pull(
                        List.of(viaProxy("pool/serial:1")),
                        OciLayout.create(work.resolve("out")),
                        PullOptions.forArchitecture("amd64").withConcurrency(1).withListener(listener));
        assertEquals(4, listener.started.get(), "three layers and the config");
        assertEquals(1, listener.maxInFlight.get());
        // the proxy may see the next request before it has marked the previous one done (see above)
        assertTrue(proxy.maxConcurrentBlobDownloads() <= 2, "at most one download and one hand-over");
    }

    static final class RecordingListener implements OciProgressListener {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final List<ImageReference> images = Collections.synchronizedList(new ArrayList<>());
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        @Override
        public void blobStarted(Descriptor blob) {
            started.incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void blobDone(Descriptor blob, long bytesDownloaded, boolean fromCache) {
            if (!fromCache) {
                inFlight.decrementAndGet();
            }
            done.incrementAndGet();
        }

        @Override
        public void imageDone(ImageReference reference, Descriptor descriptor) {
            images.add(reference);
        }
    }
}
