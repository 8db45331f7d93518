package dev.jackal.core.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from a Docker {@code config.json} ({@code $DOCKER_CONFIG/config.json}, else
 * {@code ~/.docker/config.json}): a {@code credHelpers} entry for the host, else the {@code credsStore}, else
 * {@code auths.<host>.auth} (base64 of {@code user:password}) or {@code auths.<host>.username/password}.
 * Helpers run as {@code docker-credential-<name> get} with the server on standard input. A missing file means
 * anonymous access. The file is read on each lookup, so a {@code docker login} in between is seen.
 */
public final class DockerConfigCredentials implements CredentialProvider {

    /** The key Docker clients use for Docker Hub in {@code auths} and for credential helpers. */
    private static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

    private static final List<String> DOCKER_HUB_ALIASES =
            List.of(ImageReference.DOCKER_HUB, "index.docker.io", "registry-1.docker.io");

    private final Path configFile;
    private final DockerCredentialHelper helpers;

    DockerConfigCredentials(Path configFile, DockerCredentialHelper helpers) {
        this.configFile = configFile;
        this.helpers = helpers;
    }

    /** The config Docker itself would use, with helpers found on the {@code PATH}. */
    public static DockerConfigCredentials fromEnvironment() {
        String dockerConfig = System.getenv("DOCKER_CONFIG");
        Path dir = dockerConfig != null && !dockerConfig.isBlank()
                ? Path.of(dockerConfig)
                : Path.of(System.getProperty("user.home"), ".docker");
        return fromFile(dir.resolve("config.json"), null);
    }

    /** {@code configFile}, with helpers in {@code helperDirectory} (or on the {@code PATH} when null). */
    public static DockerConfigCredentials fromFile(Path configFile, Path helperDirectory) {
        return new DockerConfigCredentials(configFile, new DockerCredentialHelper(helperDirectory));
    }

    @Override
    public Optional<Credentials> find(String registry) {
        if (!Files.isRegularFile(configFile)) {
            return Optional.empty();
        }
        ObjectNode config = read(registry);
        String server = ImageReference.DOCKER_HUB.equals(registry) ? DOCKER_HUB_SERVER : registry;
        Optional<String> helper = entry(config.get("credHelpers"), registry).map(JsonNode::asText);
        if (helper.isPresent() && !helper.get().isBlank()) {
            return helpers.get(helper.get(), server, registry);
        }
        String store = Json.text(config, "credsStore");
        if (store != null && !store.isBlank()) {
            Optional<Credentials> stored = helpers.get(store, server, registry);
            if (stored.isPresent()) {
                return stored;
            }
        }
        return entry(config.get("auths"), registry).flatMap(auth -> fromAuth(auth, registry));
    }

    private ObjectNode read(String registry) {
        try {
            return Json.readObject(Files.readAllBytes(configFile), configFile.toString());
        } catch (IOException | InvalidManifestException e) {
            throw new CredentialsException(
                    registry, "cannot read the Docker config " + configFile + ": " + e.getMessage(), e);
        }
    }

    private Optional<Credentials> fromAuth(JsonNode auth, String registry) {
        String encoded = Json.text(auth, "auth");
        if (encoded != null && !encoded.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new CredentialsException(
                        registry,
                        "auths entry for " + registry + " in " + configFile
                                + " is not base64 of user:password; log in again with docker login " + registry,
                        null);
            }
            return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        String username = Json.text(auth, "username");
        String password = Json.text(auth, "password");
        if (username != null && !username.isEmpty() && password != null) {
            return Optional.of(new Credentials(username, password));
        }
        return Optional.empty();
    }

    /** The value under the key that names {@code registry} ({@code host}, {@code https://host/...}). */
    private static Optional<JsonNode> entry(JsonNode map, String registry) {
        if (map == null || !map.isObject()) {
            return Optional.empty();
        }
        for (Map.Entry<String, JsonNode> field : map.properties()) {
            if (sameRegistry(hostOf(field.getKey()), registry)) {
                return Optional.of(field.getValue());
            }
        }
        return Optional.empty();
    }

    private static boolean sameRegistry(String key, String registry) {
        if (key.equals(registry)) {
            return true;
        }
        return DOCKER_HUB_ALIASES.contains(key) && DOCKER_HUB_ALIASES.contains(registry);
    }

    private static String hostOf(String key) {
        String host = key.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        int slash = host.indexOf('/');
        return slash < 0 ? host : host.substring(0, slash);
    }

    @Override
    public String toString() {
        return "DockerConfigCredentials[" + configFile + "]";
    }
}
