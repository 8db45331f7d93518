package dev.jackal.core.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jackal.core.net.Loopback;
import dev.jackal.test.Ports;
import dev.jackal.test.oci.TestImage;
import dev.jackal.test.oci.TestImages;
import dev.jackal.test.registry.OciRegistry;
import dev.jackal.test.registry.RegistryExtension;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PlainRegistryPullTest extends ImageCopierContract {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.plain();

    @Override
    OciRegistry registry() {
        return REGISTRY.registry();
    }

    @Test
    void aRegistryOverridePullsFromTheMirrorButKeepsTheOriginalName() throws Exception {
        TestImage image = TestImages.builder().seed(21).tag("1").push(skopeo, registry(), "mirrored/app", work);
        ImageReference original = ImageReference.parse("upstream.invalid/mirrored/app:1");
        OciLayout layout = layout("out");

        pull(
                layout,
                PullOptions.forArchitecture("amd64")
                        .withOverrides(List.of(RegistryOverride.parse(
                                "upstream.invalid=" + registry().address()))),
                original);

        Descriptor entry = layout.entries().get(0);
        assertEquals("upstream.invalid/mirrored/app:1", entry.annotations().get(Descriptor.BASE_NAME));
        assertEquals(image.digest(), entry.digest().toString());
    }

    @Test
    void aLoopbackRegistryWithoutTlsNeedsNoPlainHttp() throws Exception {
        TestImage image = TestImages.builder().seed(22).tag("1").push(skopeo, registry(), "loopback/app", work);
        RegistryClient client = RegistryClient.builder()
                .options(registry().address(), OciFixtures.fast())
                .build();

        PullResult result = new ImageCopier(client, null)
                .pull(
                        List.of(OciFixtures.ref(registry(), "loopback/app:1")),
                        layout("out"),
                        PullOptions.forArchitecture("amd64"));

        assertEquals(
                image.digest(), result.images().get(0).descriptor().digest().toString());
        assertTrue(client.plainHttp(registry().address()), "TLS was tried, then plain HTTP");
    }

    @Test
    void localhostNeedsNoPlainHttpEither() throws Exception {
        TestImage image = TestImages.builder().seed(23).tag("1").push(skopeo, registry(), "loopback/name", work);
        RegistryClient client =
                RegistryClient.builder().defaults(OciFixtures.fast()).build();
        Descriptor resolved =
                client.resolve(ImageReference.parse("localhost:" + registry().port() + "/loopback/name:1"));
        assertEquals(image.digest(), resolved.digest().toString());
    }

    @Test
    void aRegistryNamedOtherwiseNeverFallsBackToPlainHttp() throws Exception {
        // this machine's own host name: it reaches the loopback registry, but is not a loopback name
        String host = InetAddress.getLocalHost().getHostName();
        assumeTrue(
                InetAddress.getByName(host).isLoopbackAddress() && !Loopback.isLoopback(host),
                "the host name resolves to loopback");
        String address = host + ":" + registry().port();
        RegistryClient client =
                RegistryClient.builder().options(address, OciFixtures.fast()).build();
        RegistryTlsException e = assertThrows(
                RegistryTlsException.class, () -> client.manifest(ImageReference.parse(address + "/any/thing:1")));
        assertTrue(e.getMessage().contains("--plain-http"), e.getMessage());
        assertFalse(client.plainHttp(address));
    }

    @Test
    void anUnknownHostIsReportedAsSuch() {
        RegistryClient client =
                RegistryClient.builder().defaults(OciFixtures.fast()).build();
        RegistryConnectionException e = assertThrows(
                RegistryConnectionException.class,
                () -> client.manifest(ImageReference.parse("no-such-host.invalid/app:1")));
        assertTrue(e.getMessage().contains("unknown host no-such-host.invalid"), e.getMessage());
    }

    @Test
    void aClosedPortIsReportedAsConnectionFailure() {
        String address = "127.0.0.1:" + Ports.free();
        RegistryClient client = RegistryClient.builder()
                .options(address, OciFixtures.fast().withPlainHttp(true))
                .build();
        RegistryConnectionException e = assertThrows(
                RegistryConnectionException.class, () -> client.manifest(ImageReference.parse(address + "/app:1")));
        assertTrue(e.getMessage().contains("cannot connect to " + address), e.getMessage());
        assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
    }
}
