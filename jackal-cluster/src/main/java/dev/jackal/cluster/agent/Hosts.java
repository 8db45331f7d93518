package dev.jackal.cluster.agent;

import dev.jackal.core.git.GitUrl;
import java.net.URI;
import java.util.Locale;

/** URL rewrites shared by the git and OCI mutations (spec §9). */
final class Hosts {

    private Hosts() {}

    /**
     * Whether {@code url} should be rewritten: always on CREATE; on UPDATE only when its host is not already the
     * server's, so an object the agent rewrote before is not rewritten twice.
     */
    static boolean needsRewrite(AdmissionRequest request, String serverAddress, String url) {
        if (request.isCreate()) {
            return true;
        }
        return request.isUpdate() && !sameHost(serverAddress, url);
    }

    /** Whether two URLs (or {@code host[:port]} addresses) name the same host, as Zarf compares them. */
    static boolean sameHost(String a, String b) {
        String hostA = host(a);
        return hostA != null && hostA.equals(host(b));
    }

    /** The git server URL of {@code url} (spec §6.6 {@code GitURL}). */
    static String gitUrl(AgentState state, String url, String what) {
        AgentState.GitServer git = state.git();
        if (git.address() == null || git.address().isBlank()) {
            throw new AgentException(what + ": the state names no git server (gitServer.address); run jackal init"
                    + " with a git server before deploying git sources");
        }
        try {
            return GitUrl.parse(url).airgapUrl(git.address(), git.pushUsername());
        } catch (IllegalArgumentException e) {
            throw new AgentException(what + ": '" + redact(url) + "' is not a git URL of the form"
                    + " scheme://host/path/repo[.git]; fix the URL");
        }
    }

    /** {@code url} without the user and password it may carry, for messages. */
    static String redact(String url) {
        return url.replaceFirst("://[^/@]*@", "://***@");
    }

    private static String host(String text) {
        if (text == null) {
            return null;
        }
        String withScheme = text.contains("://") ? text : "scheme://" + text;
        try {
            String host = URI.create(withScheme).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
