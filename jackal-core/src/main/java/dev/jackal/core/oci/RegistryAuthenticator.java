package dev.jackal.core.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authentication state for one registry: anonymous until the registry answers 401, then Basic with the
 * credentials, or Bearer with tokens from the challenge's realm (one per scope, reused until they expire).
 * Tokens and passwords stay inside this class and the {@code Authorization} headers it returns.
 */
final class RegistryAuthenticator {

    /** Fetches a token: GET {@code uri} with the optional Basic authorization. */
    @FunctionalInterface
    interface TokenEndpoint {
        HttpResponse<InputStream> get(URI uri, Optional<String> authorization) throws IOException;
    }

    private record Token(String value, Instant expires) {
        @Override
        public String toString() {
            return "Token[expires=" + expires + "]";
        }
    }

    private static final long MIN_TOKEN_SECONDS = 60;

    private final String registry;
    private final CredentialProvider provider;
    private final TokenEndpoint endpoint;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private volatile AuthChallenge challenge;
    private Optional<Credentials> credentials;

    RegistryAuthenticator(String registry, CredentialProvider provider, TokenEndpoint endpoint) {
        this.registry = registry;
        this.provider = provider;
        this.endpoint = endpoint;
    }

    /** The {@code Authorization} header for a request in {@code scope}, once the registry asked for one. */
    Optional<String> authorization(String scope, String reference, String verb) throws IOException {
        AuthChallenge known = challenge;
        if (known == null) {
            return Optional.empty();
        }
        if (known.isBasic()) {
            return credentials().map(Credentials::basicAuthorization);
        }
        Token token = tokens.get(scope);
        if (token == null || Instant.now().isAfter(token.expires())) {
            token = fetchToken(known, scope, reference, verb);
            tokens.put(scope, token);
        }
        return Optional.of("Bearer " + token.value());
    }

    /**
     * Learns from a 401: returns when a retry may succeed (credentials or a fresh token are now known), and throws
     * a {@link RegistryAuthException} when it cannot.
     */
    void unauthorized(List<String> challenges, String scope, Optional<String> sent, String reference, String verb)
            throws IOException {
        AuthChallenge fresh = AuthChallenge.select(challenges)
                .orElseThrow(() -> failure(reference, verb, 401, "answered 401 without a usable WWW-Authenticate"));
        if (fresh.isBasic()) {
            if (credentials().isEmpty()) {
                throw required(reference, verb);
            }
            if (sent.isPresent() && sent.get().startsWith("Basic ")) {
                throw rejected(reference, verb);
            }
            challenge = fresh;
            return;
        }
        if (!fresh.isBearer() || fresh.parameter("realm").isEmpty()) {
            throw failure(reference, verb, 401, "asks for unsupported authentication " + fresh.scheme());
        }
        challenge = fresh.withoutScope();
        tokens.put(scope, fetchToken(fresh, scope, reference, verb));
    }

    /** The exception for a request that still got 401 after authenticating. */
    RegistryAuthException rejectedAfterRetry(String reference, String verb) {
        return credentials().isEmpty() ? required(reference, verb) : rejected(reference, verb);
    }

    private Token fetchToken(AuthChallenge from, String scope, String reference, String verb) throws IOException {
        URI uri;
        try {
            uri = from.tokenUri(scope);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw failure(reference, verb, 401, "sent a Bearer challenge with an unusable realm");
        }
        Optional<Credentials> creds = credentials();
        HttpResponse<InputStream> response = endpoint.get(uri, creds.map(Credentials::basicAuthorization));
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(1 << 20);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw creds.isEmpty() ? required(reference, verb) : rejected(reference, verb);
        }
        if (status >= 500) {
            throw new RegistryTransport.ServerError(status, "token service " + uri.getHost());
        }
        if (status != 200) {
            throw failure(reference, verb, status, "token service " + uri.getHost() + " answered " + status);
        }
        ObjectNode json;
        try {
            json = Json.readObject(body, "token response");
        } catch (InvalidManifestException e) {
            throw failure(reference, verb, status, "token service " + uri.getHost() + " did not answer with JSON");
        }
        String value = Json.text(json, "token");
        if (value == null || value.isEmpty()) {
            value = Json.text(json, "access_token");
        }
        if (value == null || value.isEmpty()) {
            throw failure(reference, verb, status, "token service " + uri.getHost() + " sent no token");
        }
        JsonNode expiresIn = json.get("expires_in");
        long seconds = Math.max(MIN_TOKEN_SECONDS, expiresIn != null ? expiresIn.asLong(0) : 0);
        return new Token(value, Instant.now().plusSeconds(seconds - 10));
    }

    private synchronized Optional<Credentials> credentials() {
        if (credentials == null) {
            credentials = provider.find(registry);
        }
        return credentials;
    }

    private RegistryAuthException required(String reference, String verb) {
        return new RegistryAuthException(
                reference,
                registry,
                401,
                "cannot " + verb + " " + reference + ": the registry " + registry
                        + " requires authentication; log in with 'docker login " + registry
                        + "' or add credentials for it");
    }

    private RegistryAuthException rejected(String reference, String verb) {
        String user = credentials().map(Credentials::username).orElse("?");
        return new RegistryAuthException(
                reference,
                registry,
                401,
                "cannot " + verb + " " + reference + ": the registry " + registry
                        + " rejected the credentials of user '" + user
                        + "'; check them and log in again with 'docker login " + registry + "'");
    }

    private RegistryAuthException failure(String reference, String verb, int status, String detail) {
        return new RegistryAuthException(
                reference,
                registry,
                status,
                "cannot " + verb + " " + reference + ": the registry " + registry + " " + detail);
    }
}
