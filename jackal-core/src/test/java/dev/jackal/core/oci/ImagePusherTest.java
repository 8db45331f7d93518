package dev.jackal.core.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.net.TransferBounds;
import dev.jackal.test.http.TcpProxy;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.oci.TestImage;
import dev.jackal.test.oci.TestImages;
import dev.jackal.test.registry.OciRegistry;
import dev.jackal.test.registry.RegistryExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes from a layout (pulled from one real registry as create does) into another real registry with htpasswd auth;
 * skopeo checks the digests, a counting TCP proxy the bytes on the wire.
 */
class ImagePusherTest {

    @RegisterExtension
    static final RegistryExtension SOURCE = RegistryExtension.plain();

    @RegisterExtension
    static final RegistryExtension TARGET = RegistryExtension.withAuth();

    @TempDir
    static Path work;

    private static final Skopeo SKOPEO = Skopeo.find();
    private static TestImage base;
    private static TestImage app;
    private static TestImage index;
    private static OciLayout layout;

    @BeforeAll
    static void pullFixtures() {
        OciRegistry source = SOURCE.registry();
        // the same seed: app's first layer is base's only layer
        base = TestImages.builder()
                .seed(5)
                .layers(1)
                .layerSize(300_000)
                .tag("1.0")
                .push(SKOPEO, source, "base", work);
        app = TestImages.builder()
                .seed(5)
                .layers(2)
                .layerSize(300_000)
                .tag("2.0")
                .push(SKOPEO, source, "app", work);
        index = TestImages.builder()
                .seed(9)
                .format(TestImages.Format.DOCKER_V2)
                .platforms("linux/amd64", "linux/arm64")
                .tag("3.0")
                .push(SKOPEO, source, "multi", work);
        layout = OciLayout.create(work.resolve("images"));
        new ImageCopier(OciFixtures.clientFor(source), null)
                .pull(
                        List.of(src("base:1.0"), src("app:2.0"), src("multi@" + index.digest())),
                        layout,
                        PullOptions.forArchitecture("amd64"));
    }

    private static ImageReference src(String name) {
        return OciFixtures.ref(SOURCE.registry(), name);
    }

    private static List<ImagePusher.Push> pushes(String registry) {
        return List.of(
                new ImagePusher.Push(
                        src("base:1.0"),
                        List.of(
                                ImageReference.parse(registry + "/team/base:1.0"),
                                ImageReference.parse(registry + "/team/base:1.0-jackal-1"))),
                new ImagePusher.Push(src("app:2.0"), List.of(ImageReference.parse(registry + "/team/app:2.0"))),
                new ImagePusher.Push(
                        src("multi@" + index.digest()),
                        List.of(ImageReference.parse(registry + "/team/multi@" + index.digest()))));
    }

    private static RegistryClient client(String address, String password) {
        OciRegistry target = TARGET.registry();
        return RegistryClient.builder()
                .credentials(CredentialProvider.of(
                        Map.of(address, new Credentials(target.username().orElseThrow(), password))))
                .options(address, OciFixtures.fast().withPlainHttp(true))
                .build();
    }

    @Test
    void pushesEveryNameByteForByteAndAgainWithoutSendingBlobs() {
        OciRegistry target = TARGET.registry();
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", target.port())) {
            AtomicLong sent = new AtomicLong();
            OciProgressListener counting = new OciProgressListener() {
                @Override
                public void bytesSent(long bytes) {
                    sent.addAndGet(bytes);
                }
            };
            RegistryClient client = client(proxy.address(), target.password().orElseThrow());
            PushResult first = new ImagePusher(client, counting).push(layout, pushes(proxy.address()), 3);

            assertEquals(3, first.images());
            assertTrue(first.blobsMounted() >= 1, "the shared base layer is mounted into team/app: " + first);
            long total = ImagePusher.totalBytes(layout, pushes(proxy.address()));
            assertEquals(first.bytesUploaded(), sent.get(), "the listener heard every byte sent");
            assertTrue(proxy.bytesSent() >= total, "the blobs crossed the wire: " + proxy.bytesSent());
            assertEquals(base.digest(), digestOf("team/base:1.0"));
            assertEquals(base.digest(), digestOf("team/base:1.0-jackal-1"));
            assertEquals(app.digest(), digestOf("team/app:2.0"));
            assertEquals(index.digest(), digestOf("team/multi@" + index.digest()));
            for (String manifest : index.manifestDigests()) {
                assertEquals(manifest, digestOf("team/multi@" + manifest), "every child of the index is there");
            }

            proxy.resetCounts();
            PushResult second =
                    new ImagePusher(client, OciProgressListener.NONE).push(layout, pushes(proxy.address()), 3);
            assertEquals(0, second.blobsUploaded(), second.toString());
            assertEquals(0, second.manifestsPushed(), second.toString());
            assertTrue(
                    proxy.bytesSent() < total / 20,
                    "a second push sends under 5% of the bytes: " + proxy.bytesSent() + " of " + total);
        }
    }

    @Test
    void aPushCutInTheMiddleOfABlobIsRetried() {
        OciRegistry target = TARGET.registry();
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", target.port())) {
            proxy.cutOnceAfter(100_000);
            RegistryClient client = client(proxy.address(), target.password().orElseThrow());
            List<ImagePusher.Push> one = List.of(new ImagePusher.Push(
                    src("app:2.0"), List.of(ImageReference.parse(proxy.address() + "/cut/app:2.0"))));
            new ImagePusher(client, OciProgressListener.NONE).push(layout, one, 1);
            assertTrue(proxy.didCut());
            assertEquals(app.digest(), digestOf("cut/app:2.0"));
        }
    }

    @Test
    void aRegistryThatStopsReadingAnUploadFailsItWithinTheReadTimeout() {
        OciRegistry target = TARGET.registry();
        // larger than what the loopback socket buffers swallow, so the upload itself blocks
        TestImage big =
                TestImages.builder().seed(77).layerSize(24 << 20).tag("big").writeLayout(work.resolve("big"));
        OciLayout bigLayout = OciLayout.open(big.layout());
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", target.port())) {
            proxy.stallOnceAfter(1 << 20);
            RegistryClient client = RegistryClient.builder()
                    .credentials(CredentialProvider.of(Map.of(
                            proxy.address(),
                            new Credentials(
                                    target.username().orElseThrow(),
                                    target.password().orElseThrow()))))
                    .options(
                            proxy.address(),
                            OciFixtures.fast()
                                    .withRetries(0)
                                    .withPlainHttp(true)
                                    .withBounds(TransferBounds.defaults().withReadTimeout(Duration.ofSeconds(1))))
                    .build();
            List<ImagePusher.Push> one = List.of(new ImagePusher.Push(
                    ImageReference.parse("stalled@" + big.digest()),
                    List.of(ImageReference.parse(proxy.address() + "/stalled/big:1.0"))));
            long start = System.nanoTime();
            RegistryConnectionException e = assertThrows(
                    RegistryConnectionException.class,
                    () -> new ImagePusher(client, OciProgressListener.NONE).push(bigLayout, one, 1));
            assertTrue(proxy.didCut());
            assertTrue(e.getMessage().contains("no byte of the upload left for 1 s"), e.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 15, "bounded by the read timeout");
        }
    }

    @Test
    void wrongCredentialsAreOneLineNamingTheRegistryWithoutThePassword() {
        OciRegistry target = TARGET.registry();
        RegistryClient client = client(target.address(), "not-the-password-42");
        RegistryAuthException e =
                assertThrows(RegistryAuthException.class, () -> new ImagePusher(client, OciProgressListener.NONE)
                        .push(layout, pushes(target.address()), 2));
        assertTrue(e.getMessage().contains(target.address()), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password-42"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static String digestOf(String repositoryAndRef) {
        return OciFixtures.sha256(SKOPEO.inspectRaw(TARGET.registry(), repositoryAndRef));
    }
}
