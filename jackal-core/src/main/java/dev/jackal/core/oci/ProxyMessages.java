package dev.jackal.core.oci;

import dev.jackal.core.net.HttpProxy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What to tell the user when the HTTP proxy refuses a request or cannot be reached; never its password. */
final class ProxyMessages {

    /** The JDK's switch for Basic credentials with {@code CONNECT}; "Basic" (disabled) unless the JVM says else. */
    static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    private static final Pattern STATUS = Pattern.compile("\\b([1-5]\\d\\d)\\b");

    private ProxyMessages() {}

    /** A 407 from {@code proxy} (null: a proxy jackal was not told about) for a request to {@code uri}. */
    static String refused(HttpProxy proxy, URI uri) {
        String required = " (407 Proxy Authentication Required)";
        if (proxy == null) {
            return "a proxy between jackal and " + uri.getAuthority() + " asks for credentials" + required
                    + "; configure that HTTP proxy with its user name and password";
        }
        if (proxy.username().isEmpty()) {
            return "the proxy " + proxy.address() + " asks for credentials" + required
                    + "; give the proxy a user name and password";
        }
        if ("https".equals(uri.getScheme()) && basicTunnelingDisabled()) {
            return "the proxy " + proxy.address() + " refused to tunnel HTTPS to " + uri.getAuthority() + required
                    + ": the JVM does not send Basic credentials with CONNECT unless it runs with -D"
                    + TUNNELING_DISABLED_SCHEMES + "= (for Maven: in .mvn/jvm.config or MAVEN_OPTS)";
        }
        return "the proxy " + proxy.address() + " rejected the credentials of user '"
                + proxy.username().orElseThrow() + "'" + required + "; check the proxy's user name and password";
    }

    /**
     * A {@link RegistryTransport.ProxyFailure} for {@code e} when it says that {@code proxy} refused a tunnel or
     * could not be reached; empty for other failures.
     */
    static Optional<IOException> tunnelFailure(HttpProxy proxy, URI uri, IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Unable to tunnel through proxy") || message.startsWith("Tunnel failed")) {
            Matcher status = STATUS.matcher(message);
            int code = status.find() ? Integer.parseInt(status.group(1)) : 502;
            if (code == 407) {
                return Optional.of(new RegistryTransport.ProxyFailure(407, refused(proxy, uri)));
            }
            return Optional.of(new RegistryTransport.ProxyFailure(
                    code,
                    "the proxy " + proxy.address() + " could not open a tunnel to " + uri.getAuthority() + " (" + code
                            + "); check that the proxy may reach it, or list the host in nonProxyHosts"));
        }
        if (e instanceof ConnectException) {
            return Optional.of(withCause(
                    new RegistryTransport.ProxyFailure(
                            0,
                            "cannot connect to the proxy " + proxy.address() + " (" + message
                                    + "); check that it runs and its host and port are right"),
                    e));
        }
        return Optional.empty();
    }

    private static IOException withCause(IOException failure, IOException cause) {
        failure.initCause(cause);
        return failure;
    }

    /**
     * {@code e} (a 401) with a hint that {@code proxy} may be the one refusing: some proxies answer wrong
     * credentials with 401 instead of 407, which looks like the registry's refusal.
     */
    static RegistryAuthException maybeTheProxy(RegistryAuthException e, Optional<HttpProxy> proxy) {
        if (e.status() != 401 || proxy.isEmpty() || proxy.get().username().isEmpty()) {
            return e;
        }
        return new RegistryAuthException(
                e.reference(),
                e.registry(),
                e.status(),
                e.getMessage() + "; or the proxy " + proxy.get().address() + " rejected the credentials of user '"
                        + proxy.get().username().orElseThrow() + "' (some proxies answer 401 instead of 407):"
                        + " check the proxy's user name and password");
    }

    private static boolean basicTunnelingDisabled() {
        String schemes = System.getProperty(TUNNELING_DISABLED_SCHEMES);
        return schemes == null || schemes.toLowerCase(Locale.ROOT).contains("basic");
    }
}
