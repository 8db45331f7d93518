package dev.jackal.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.JackalException;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.oci.CredentialProvider;
import dev.jackal.core.oci.Credentials;
import dev.jackal.core.oci.RegistryOptions;
import dev.jackal.core.remote.PublishResult;
import dev.jackal.core.remote.RemoteOptions;
import dev.jackal.core.remote.RemotePackageException;
import dev.jackal.test.registry.OciRegistry;
import dev.jackal.test.registry.RegistryExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing to a real registry with TLS and htpasswd: the certificate is checked unless told otherwise, and a tag
 * that holds another package of the same architecture is kept when overwriting is not allowed.
 */
class PublishGuardsTest {

    @RegisterExtension
    static final RegistryExtension TLS = RegistryExtension.withTlsAndAuth();

    @TempDir
    static Path work;

    private static PublishFixtures fixtures;
    private static Path archive;

    @BeforeAll
    static void createPackage() throws Exception {
        fixtures = new PublishFixtures(work, 10_000, 10_000);
        archive = fixtures.create("amd64");
    }

    private static RemoteOptions options(RegistryOptions registry) {
        OciRegistry tls = TLS.registry();
        return new RemoteOptions(
                registry.withRetries(0).withBackoff(Duration.ofMillis(10), Duration.ofMillis(20)),
                CredentialProvider.of(Map.of(
                        tls.address(),
                        new Credentials(
                                tls.username().orElseThrow(), tls.password().orElseThrow()))),
                2);
    }

    private static PublishResult publish(Path source, String repository, RemoteOptions options, boolean overwrite) {
        return new PackagePublisher(EventHandler.NONE, work)
                .publish(new PublishRequest(source, "oci://" + TLS.registry().address() + "/" + repository, options)
                        .withOverwrite(overwrite));
    }

    @Test
    void theCertificateIsCheckedUnlessSkipped() {
        JackalException untrusted = assertThrows(
                JackalException.class, () -> publish(archive, "tls", options(RegistryOptions.defaults()), true));
        assertFalse(untrusted.getMessage().contains("\n"), untrusted.getMessage());
        assertTrue(untrusted.getMessage().contains(TLS.registry().address()), untrusted.getMessage());

        PublishResult skipped =
                publish(archive, "tls", options(RegistryOptions.defaults().withInsecureSkipTlsVerify(true)), true);
        assertTrue(skipped.blobsUploaded() > 0);
        PublishResult trusted = publish(
                archive,
                "tls",
                options(RegistryOptions.defaults()
                        .withCaCertificate(TLS.registry().caCertificate().orElseThrow())),
                true);
        assertEquals(skipped.manifest(), trusted.manifest());
        assertEquals(0, trusted.blobsUploaded());
    }

    @Test
    void aDifferentPackageIsNotOverwrittenUnlessAllowed() throws Exception {
        RemoteOptions options = options(RegistryOptions.defaults().withInsecureSkipTlsVerify(true));
        PublishResult first = publish(archive, "guard", options, false);
        assertEquals(first.manifest(), publish(archive, "guard", options, false).manifest(), "the same again is fine");

        Path rebuilt = fixtures.create("amd64", Instant.parse("2026-02-03T04:05:06Z"), work.resolve("rebuilt"));
        RemotePackageException refused =
                assertThrows(RemotePackageException.class, () -> publish(rebuilt, "guard", options, false));
        assertTrue(refused.getMessage().contains("already holds a different amd64 package"), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), refused.getMessage());

        PublishResult replaced = publish(rebuilt, "guard", options, true);
        assertFalse(replaced.manifest().equals(first.manifest()));
    }
}
