package dev.jackal.maven;

import dev.jackal.core.oci.CredentialProvider;
import dev.jackal.core.oci.Credentials;
import dev.jackal.core.oci.CredentialsException;
import dev.jackal.core.oci.DockerConfigCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Registry credentials from {@code settings.xml}, as Jib reads them: the {@code <server>} whose {@code id} is the
 * one configured for a registry ({@code jackal.publish.serverId}), else the one whose {@code id} is the registry as
 * written ({@code host:port}), else its host alone; its password decrypted with Maven's {@link SettingsDecrypter}
 * ({@code mvn --encrypt-password}). A registry without such a server falls back to {@code fallback} (the Docker
 * config and its credential helpers). A server without a user name is skipped. Nothing here logs or prints a
 * password.
 */
final class SettingsCredentials implements CredentialProvider {

    private final Settings settings;
    private final SettingsDecrypter decrypter;
    private final Map<String, String> serverIds;
    private final CredentialProvider fallback;
    private final Map<String, Optional<Credentials>> decrypted = new ConcurrentHashMap<>();

    /**
     * @param serverIds registry (as written in references, e.g. {@code ghcr.io} or {@code 127.0.0.1:5000}) to the
     *     {@code <server>} id that holds its credentials, for registries whose server is not named after them
     */
    SettingsCredentials(
            Settings settings,
            SettingsDecrypter decrypter,
            Map<String, String> serverIds,
            CredentialProvider fallback) {
        this.settings = settings;
        this.decrypter = decrypter;
        this.serverIds = Map.copyOf(serverIds);
        this.fallback = fallback;
    }

    /** For image pulls: each registry's server by host:port, then host, then the Docker config. */
    static SettingsCredentials forImages(Settings settings, SettingsDecrypter decrypter) {
        return new SettingsCredentials(settings, decrypter, Map.of(), DockerConfigCredentials.fromEnvironment());
    }

    /** Whether {@code settings.xml} has a server with this id. */
    static boolean hasServer(Settings settings, String id) {
        return settings != null && settings.getServer(id) != null;
    }

    @Override
    public Optional<Credentials> find(String registry) {
        Optional<String> id = serverId(registry);
        if (id.isPresent()) {
            Server server = settings.getServer(id.get());
            return decrypted.computeIfAbsent(id.get(), ignored -> Optional.of(decrypt(registry, server)));
        }
        return fallback.find(registry);
    }

    /** The id of the server whose credentials {@code registry} gets, if settings.xml has one. */
    Optional<String> serverId(String registry) {
        for (String id : candidates(registry)) {
            Server server = settings == null ? null : settings.getServer(id);
            if (server != null
                    && server.getUsername() != null
                    && !server.getUsername().isEmpty()) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /** The server ids tried for {@code registry}, in order. */
    List<String> candidates(String registry) {
        List<String> ids = new ArrayList<>();
        String configured = serverIds.get(registry);
        if (configured != null) {
            ids.add(configured);
        }
        ids.add(registry);
        int colon = registry.lastIndexOf(':');
        if (colon > 0 && !registry.endsWith("]") && registry.indexOf(':') == colon) {
            ids.add(registry.substring(0, colon));
        }
        return ids;
    }

    private Credentials decrypt(String registry, Server server) {
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                // the problem's message names the server and the cause, never the password
                throw new CredentialsException(
                        registry,
                        "cannot decrypt the password of <server> '" + server.getId() + "' in settings.xml ("
                                + problem.getMessage() + "): re-encrypt it with mvn --encrypt-password, and check"
                                + " ~/.m2/settings-security.xml",
                        null);
            }
        }
        Server plain = result.getServer();
        String password = plain.getPassword();
        return new Credentials(plain.getUsername(), password == null ? "" : password);
    }
}
