package dev.jackal.core.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.Ports;
import dev.jackal.test.oci.TestImage;
import dev.jackal.test.oci.TestImages;
import dev.jackal.test.registry.OciRegistry;
import dev.jackal.test.registry.RegistryExtension;
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
    void httpsAgainstAPlainRegistrySuggestsPlainHttp() {
        RegistryClient client = RegistryClient.builder()
                .options(registry().address(), OciFixtures.fast())
                .build();
        RegistryTlsException e = assertThrows(
                RegistryTlsException.class, () -> client.manifest(OciFixtures.ref(registry(), "any/thing:1")));
        assertTrue(e.getMessage().contains("--plain-http"), e.getMessage());
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
