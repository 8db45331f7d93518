package dev.jackal.core.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.net.HttpProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryOptionsTest {

    @Test
    void backsOffExponentiallyUpToTheMaximum() {
        RegistryOptions options = RegistryOptions.defaults();
        assertEquals(3, options.retries());
        assertEquals(
                List.of(500L, 1000L, 2000L, 4000L, 8000L, 8000L, 8000L),
                List.of(0, 1, 2, 3, 4, 5, 60).stream()
                        .map(i -> options.backoff(i).toMillis())
                        .toList());
    }

    @Test
    void aProxyIsKeptByTheOtherWithersAndItsPasswordStaysOutOfTheText() {
        HttpProxy proxy = HttpProxy.of("127.0.0.1", 3128).withCredentials("alice", "s3cret");
        RegistryOptions options = RegistryOptions.defaults().withProxy(proxy);

        assertTrue(RegistryOptions.defaults().proxy().isEmpty());
        assertEquals(proxy, options.withRetries(1).withPlainHttp(true).proxy().orElseThrow());
        assertEquals(options, RegistryOptions.defaults().withProxy(proxy));
        assertFalse(options.equals(RegistryOptions.defaults()));
        assertTrue(options.toString().contains("proxy=HttpProxy[127.0.0.1:3128, user=alice]"), options.toString());
        assertFalse(options.toString().contains("s3cret"));
        assertTrue(options.withProxy(null).proxy().isEmpty());
    }

    @Test
    void isSecureByDefaultAndImmutable() {
        RegistryOptions defaults = RegistryOptions.defaults();
        RegistryOptions changed = defaults.withPlainHttp(true)
                .withInsecureSkipTlsVerify(true)
                .withRetries(0)
                .withCaCertificate(Path.of("ca.pem"));
        assertFalse(defaults.plainHttp());
        assertFalse(defaults.insecureSkipTlsVerify());
        assertTrue(defaults.caCertificate().isEmpty());
        assertTrue(changed.plainHttp());
        assertTrue(changed.insecureSkipTlsVerify());
        assertEquals(0, changed.retries());
        assertEquals(Path.of("ca.pem"), changed.caCertificate().orElseThrow());
        assertEquals(
                changed,
                defaults.withPlainHttp(true)
                        .withInsecureSkipTlsVerify(true)
                        .withRetries(0)
                        .withCaCertificate(Path.of("ca.pem")));
    }

    @Test
    void plainHttpFallbackIsOffByDefaultAndKeptByTheOtherWithers() {
        assertFalse(RegistryOptions.defaults().plainHttpFallback());
        RegistryOptions insecure = RegistryOptions.defaults()
                .withPlainHttpFallback(true)
                .withInsecureSkipTlsVerify(true)
                .withRetries(1);
        assertTrue(insecure.plainHttpFallback());
        assertFalse(insecure.plainHttp(), "TLS is still tried first");
        assertFalse(insecure.equals(insecure.withPlainHttpFallback(false)));
    }

    @Test
    void refusesNonsense() {
        assertThrows(
                IllegalArgumentException.class, () -> RegistryOptions.defaults().withRetries(-1));
        assertThrows(IllegalArgumentException.class, () -> RegistryOptions.defaults()
                .withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> PullOptions.forHost().withConcurrency(0));
    }
}
