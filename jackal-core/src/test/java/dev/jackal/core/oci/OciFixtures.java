package dev.jackal.core.oci;

import dev.jackal.test.registry.OciRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.time.Duration;
import java.util.Map;

/** Clients and checks shared by the OCI tests. */
final class OciFixtures {

    private OciFixtures() {}

    /** Few, fast retries: tests should not wait seconds for failures. */
    static RegistryOptions fast() {
        return RegistryOptions.defaults().withRetries(2).withBackoff(Duration.ofMillis(10), Duration.ofMillis(40));
    }

    /** Plain HTTP, or TLS trusting the registry's CA. */
    static RegistryOptions optionsFor(OciRegistry registry) {
        return registry.tls()
                ? fast().withCaCertificate(registry.caCertificate().orElseThrow())
                : fast().withPlainHttp(true);
    }

    static CredentialProvider credentialsFor(OciRegistry registry) {
        return registry.username()
                .map(user -> CredentialProvider.of(Map.of(
                        registry.address(),
                        new Credentials(user, registry.password().orElseThrow()))))
                .orElse(CredentialProvider.anonymous());
    }

    static RegistryClient clientFor(OciRegistry registry) {
        return RegistryClient.builder()
                .credentials(credentialsFor(registry))
                .options(registry.address(), optionsFor(registry))
                .build();
    }

    static ImageReference ref(OciRegistry registry, String repositoryAndTag) {
        return ImageReference.parse(registry.address() + "/" + repositoryAndTag);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), Digest.newHash())) {
            java.security.MessageDigest hash = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return Digest.fromHash(hash.digest()).toString();
        }
    }

    static String sha256(String text) {
        return Digest.sha256(text.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
