package dev.jackal.core.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.oci.TestImage;
import dev.jackal.test.oci.TestImages;
import dev.jackal.test.registry.OciRegistry;
import dev.jackal.test.registry.RegistryExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TlsRegistryPullTest extends ImageCopierContract {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.withTlsAndAuth();

    @Override
    OciRegistry registry() {
        return REGISTRY.registry();
    }

    private RegistryClient clientWith(RegistryOptions options) {
        return RegistryClient.builder()
                .credentials(OciFixtures.credentialsFor(registry()))
                .options(registry().address(), options)
                .build();
    }

    @Test
    void anUntrustedCertificateSuggestsTheFix() {
        RegistryClient client = clientWith(OciFixtures.fast());
        RegistryTlsException e = assertThrows(
                RegistryTlsException.class, () -> client.manifest(OciFixtures.ref(registry(), "tls/app:1")));
        assertTrue(e.getMessage().contains("--insecure-skip-tls-verify"), e.getMessage());
        assertTrue(e.getMessage().contains("CA"), e.getMessage());
        assertEquals(registry().address(), e.registry());
    }

    @Test
    void aLoopbackTlsRegistryStaysOnTls() {
        TestImage image = TestImages.builder().seed(41).tag("1").push(skopeo, registry(), "tls/stay", work);
        RegistryClient client = client();
        assertEquals(
                image.digest(),
                client.resolve(OciFixtures.ref(registry(), "tls/stay:1"))
                        .digest()
                        .toString());
        assertFalse(client.plainHttp(registry().address()), "no fallback for a registry that speaks TLS");
    }

    @Test
    void skippingVerificationReachesTheRegistry() {
        TestImage image = TestImages.builder().seed(40).tag("skip").push(skopeo, registry(), "tls/skip", work);
        RegistryClient client = clientWith(OciFixtures.fast().withInsecureSkipTlsVerify(true));
        assertEquals(
                image.digest(),
                client.resolve(OciFixtures.ref(registry(), "tls/skip:skip"))
                        .digest()
                        .toString());
    }

    @Test
    void plainHttpAgainstTlsSaysSo() {
        RegistryClient client = clientWith(OciFixtures.fast().withPlainHttp(true));
        RegistryTlsException e = assertThrows(
                RegistryTlsException.class, () -> client.manifest(OciFixtures.ref(registry(), "tls/app:1")));
        assertTrue(e.getMessage().contains("speaks HTTPS"), e.getMessage());
        assertTrue(e.getMessage().contains("--plain-http"), e.getMessage());
    }
}
