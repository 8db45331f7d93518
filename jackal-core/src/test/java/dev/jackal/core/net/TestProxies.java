package dev.jackal.core.net;

import dev.jackal.test.http.Tinyproxy;

/** The {@link HttpProxy} of a running test {@link Tinyproxy}, with its Basic credentials when it asks for them. */
public final class TestProxies {

    private TestProxies() {}

    public static HttpProxy of(Tinyproxy tinyproxy) {
        HttpProxy proxy = HttpProxy.of(tinyproxy.host(), tinyproxy.port());
        return tinyproxy
                .username()
                .map(user -> proxy.withCredentials(user, tinyproxy.password().orElseThrow()))
                .orElse(proxy);
    }
}
