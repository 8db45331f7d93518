package dev.jackal.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpProxyTest {

    @Test
    void bypassesTheHostsOfMavensNonProxyHostsForm() {
        HttpProxy proxy = HttpProxy.of("proxy.internal", 3128).withNonProxyHosts("localhost| *.corp.example |10.0.*");

        assertEquals(List.of("localhost", "*.corp.example", "10.0.*"), proxy.nonProxyHosts());
        assertFalse(proxy.appliesTo(URI.create("http://localhost:5000/v2/")));
        assertFalse(proxy.appliesTo(URI.create("https://Registry.CORP.example/v2/")));
        assertFalse(proxy.appliesTo(URI.create("https://10.0.3.4:443/v2/")));
        assertTrue(proxy.appliesTo(URI.create("https://corp.example/v2/")), "*.x does not match x itself");
        assertTrue(proxy.appliesTo(URI.create("https://registry.example.org/v2/")));
        assertEquals(Proxy.NO_PROXY, proxy.proxyFor(URI.create("http://localhost/")));
        assertEquals(
                Proxy.Type.HTTP, proxy.proxyFor(URI.create("http://elsewhere/")).type());
        assertTrue(HttpProxy.of("p", 1).withNonProxyHosts(null).nonProxyHosts().isEmpty());
    }

    @Test
    void keepsThePasswordOutOfItsTextButSendsItAsBasic() {
        HttpProxy proxy = HttpProxy.of("proxy.internal", 3128).withCredentials("alice", "s3cret-value");

        assertEquals("HttpProxy[proxy.internal:3128, user=alice]", proxy.toString());
        assertFalse(proxy.toString().contains("s3cret"));
        String expected =
                "Basic " + Base64.getEncoder().encodeToString("alice:s3cret-value".getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, proxy.basicAuthorization().orElseThrow());
        assertTrue(proxy.authenticator().isPresent());
        assertTrue(HttpProxy.of("p", 1).basicAuthorization().isEmpty());
        assertTrue(HttpProxy.of("p", 1).authenticator().isEmpty());
        assertEquals(proxy, HttpProxy.of("proxy.internal", 3128).withCredentials("alice", "s3cret-value"));
        assertFalse(proxy.equals(HttpProxy.of("proxy.internal", 3128).withCredentials("alice", "other")));
    }

    @Test
    void cannotExistInvalid() {
        assertThrows(IllegalArgumentException.class, () -> HttpProxy.of("", 3128));
        assertThrows(IllegalArgumentException.class, () -> HttpProxy.of("http://proxy", 3128));
        assertThrows(IllegalArgumentException.class, () -> HttpProxy.of("proxy", 0));
        assertThrows(IllegalArgumentException.class, () -> HttpProxy.of("proxy", 70000));
        assertThrows(
                IllegalArgumentException.class, () -> HttpProxy.of("proxy", 1).withCredentials("", "x"));
    }
}
