package dev.jackal.core.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost",
                "localhost:5000",
                "LOCALHOST:5000",
                "127.0.0.1",
                "127.0.0.1:5000",
                "127.1.2.3:443",
                "[::1]",
                "[::1]:5000",
                "[0:0:0:0:0:0:0:1]:5000"
            })
    void namesOfTheLoopbackInterfaceAreLoopback(String host) {
        assertTrue(Loopback.isLoopback(host), host);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "registry.example.com",
                "registry.example.com:5000",
                "localhost.example.com:5000",
                "127.0.0.1.nip.io:5000",
                "10.0.0.1:5000",
                "128.0.0.1",
                "0.0.0.0:5000",
                "[::2]:5000",
                "docker.io",
                "my-localhost:5000"
            })
    void otherHostsAreNot(String host) {
        assertFalse(Loopback.isLoopback(host), host);
    }
}
