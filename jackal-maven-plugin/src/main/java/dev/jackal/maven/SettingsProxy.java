package dev.jackal.maven;

import dev.jackal.core.net.HttpProxy;
import java.util.Locale;
import java.util.Optional;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The HTTP proxy for network traffic (registries, remote files, Helm repositories, git) from {@code settings.xml}:
 * the first active {@code <proxy>} whose {@code <protocol>} is {@code http} (Maven's default) or {@code https}, with
 * its {@code <nonProxyHosts>} and its credentials, the password decrypted with Maven's {@link SettingsDecrypter}.
 * Nothing here logs or prints a password.
 */
final class SettingsProxy {

    private SettingsProxy() {}

    /** The proxy, with the {@code <proxy>} it came from; empty when settings.xml has no active http(s) proxy. */
    static Optional<Found> find(Settings settings, SettingsDecrypter decrypter) {
        if (settings == null) {
            return Optional.empty();
        }
        for (Proxy proxy : settings.getProxies()) {
            String protocol =
                    proxy.getProtocol() == null ? "http" : proxy.getProtocol().toLowerCase(Locale.ROOT);
            if (proxy.isActive() && (protocol.equals("http") || protocol.equals("https"))) {
                return Optional.of(new Found(proxy.getId(), toHttpProxy(decrypt(proxy, decrypter))));
            }
        }
        return Optional.empty();
    }

    /** A proxy and the id of its {@code <proxy>} in settings.xml. */
    record Found(String id, HttpProxy proxy) {

        /** The INFO line: where network requests (registries, downloads, git) go; never the password. */
        String describe() {
            return "jackal: network requests go through the proxy " + proxy.address() + " (<proxy> '" + id
                    + "' of settings.xml"
                    + proxy.username().map(user -> ", user '" + user + "'").orElse("")
                    + (proxy.nonProxyHosts().isEmpty() ? "" : ", not for " + String.join("|", proxy.nonProxyHosts()))
                    + ")";
        }
    }

    private static Proxy decrypt(Proxy proxy, SettingsDecrypter decrypter) {
        if (proxy.getPassword() == null || proxy.getPassword().isEmpty() || decrypter == null) {
            return proxy;
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(proxy));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                // the problem's message names the proxy and the cause, never the password
                throw new IllegalArgumentException("cannot decrypt the password of <proxy> '" + proxy.getId()
                        + "' in settings.xml (" + problem.getMessage() + "): re-encrypt it with mvn"
                        + " --encrypt-password, and check ~/.m2/settings-security.xml");
            }
        }
        return result.getProxy();
    }

    private static HttpProxy toHttpProxy(Proxy proxy) {
        try {
            HttpProxy http = HttpProxy.of(proxy.getHost(), proxy.getPort()).withNonProxyHosts(proxy.getNonProxyHosts());
            String user = proxy.getUsername();
            return user == null || user.isEmpty() ? http : http.withCredentials(user, proxy.getPassword());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the <proxy> '" + proxy.getId() + "' of settings.xml cannot be used: " + e.getMessage()
                            + "; fix its <host> and <port>, or set <active>false</active>",
                    e);
        }
    }
}
