package dev.jackal.core.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What to tell the user when the HTTP proxy refuses a request or cannot be reached; never its password. */
public final class ProxyMessages {

    /** The JDK's switch for Basic credentials with {@code CONNECT}; "Basic" (disabled) unless the JVM says else. */
    public static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    private static final Pattern STATUS = Pattern.compile("\\b([1-5]\\d\\d)\\b");

    /**
     * The proxy's refusal of a request.
     *
     * @param status the proxy's HTTP status (407 for credentials), or 0 when the proxy could not be reached
     * @param message one line naming the proxy (never its password) and what to do
     */
    public record Refusal(int status, String message) {}

    private ProxyMessages() {}

    /** A 407 from {@code proxy} (null: a proxy jackal was not told about) for a request to {@code uri}. */
    public static String refused(HttpProxy proxy, URI uri) {
        String required = " (407 Proxy Authentication Required)";
        if (proxy == null) {
            return "a proxy between jackal and " + target(uri) + " asks for credentials" + required
                    + "; configure that HTTP proxy with its user name and password";
        }
        if (proxy.username().isEmpty()) {
            return "the proxy " + proxy.address() + " asks for credentials" + required
                    + "; give the proxy a user name and password";
        }
        if ("https".equals(uri.getScheme()) && basicTunnelingDisabled()) {
            return "the proxy " + proxy.address() + " refused to tunnel HTTPS to " + target(uri) + required
                    + ": the JVM does not send Basic credentials with CONNECT unless it runs with -D"
                    + TUNNELING_DISABLED_SCHEMES + "= (for Maven: in .mvn/jvm.config or MAVEN_OPTS)";
        }
        return "the proxy " + proxy.address() + " rejected the credentials of user '"
                + proxy.username().orElseThrow() + "'" + required + "; check the proxy's user name and password";
    }

    /**
     * The refusal {@code e} reports when it says that {@code proxy} refused a tunnel to {@code uri} or could not be
     * reached; empty for other failures, and when the request did not go through the proxy ({@code proxy} null, or
     * bypassing {@code uri}'s host), so that a failure to reach the target itself is never blamed on the proxy.
     */
    public static Optional<Refusal> tunnelFailure(HttpProxy proxy, URI uri, IOException e) {
        if (proxy == null || !proxy.appliesTo(uri)) {
            return Optional.empty();
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("Unable to tunnel through proxy") || message.startsWith("Tunnel failed")) {
            Matcher status = STATUS.matcher(message);
            int code = status.find() ? Integer.parseInt(status.group(1)) : 502;
            if (code == 407) {
                return Optional.of(new Refusal(407, refused(proxy, uri)));
            }
            return Optional.of(new Refusal(
                    code,
                    "the proxy " + proxy.address() + " could not open a tunnel to " + target(uri) + " (" + code
                            + "); check that the proxy may reach it, or list the host in nonProxyHosts"));
        }
        if (e instanceof ConnectException) {
            return Optional.of(new Refusal(
                    0,
                    "cannot connect to the proxy " + proxy.address() + " (" + message
                            + "); check that it runs and its host and port are right"));
        }
        return Optional.empty();
    }

    /** {@code host:port} of {@code uri}, never its user info. */
    private static String target(URI uri) {
        return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static boolean basicTunnelingDisabled() {
        String schemes = System.getProperty(TUNNELING_DISABLED_SCHEMES);
        return schemes == null || schemes.toLowerCase(Locale.ROOT).contains("basic");
    }
}
