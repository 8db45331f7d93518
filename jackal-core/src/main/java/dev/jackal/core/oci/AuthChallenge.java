package dev.jackal.core.oci;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code WWW-Authenticate} challenge: the scheme ({@code Basic} or {@code Bearer}) and its parameters
 * ({@code realm}, {@code service}, {@code scope}, ...).
 *
 * @param scheme the scheme in lower case
 * @param parameters the auth parameters, names in lower case
 */
record AuthChallenge(String scheme, Map<String, String> parameters) {

    AuthChallenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The most useful challenge among the header values: Bearer before Basic, else the first. */
    static Optional<AuthChallenge> select(List<String> headerValues) {
        Optional<AuthChallenge> first = Optional.empty();
        for (String value : headerValues) {
            Optional<AuthChallenge> parsed = parse(value);
            if (parsed.isPresent() && parsed.get().isBearer()) {
                return parsed;
            }
            if (first.isEmpty()) {
                first = parsed;
            }
        }
        return first;
    }

    /** Parses {@code Scheme name="value", name=token, ...}; empty when there is no scheme. */
    static Optional<AuthChallenge> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String text = header.strip();
        int i = 0;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return Optional.empty();
        }
        String scheme = text.substring(0, i);
        Map<String, String> params = new LinkedHashMap<>();
        int n = text.length();
        while (i < n) {
            while (i < n && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == ',')) {
                i++;
            }
            int nameStart = i;
            while (i < n && text.charAt(i) != '=' && text.charAt(i) != ',') {
                i++;
            }
            String name = text.substring(nameStart, i).strip().toLowerCase(Locale.ROOT);
            if (i >= n || text.charAt(i) != '=') {
                continue;
            }
            i++;
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                i++;
            } else {
                while (i < n && text.charAt(i) != ',') {
                    value.append(text.charAt(i++));
                }
            }
            if (!name.isEmpty()) {
                params.put(name, value.toString().strip());
            }
        }
        return Optional.of(new AuthChallenge(scheme, params));
    }

    boolean isBearer() {
        return scheme.equals("bearer");
    }

    boolean isBasic() {
        return scheme.equals("basic");
    }

    /** This challenge without its {@code scope}, to reuse for requests on other repositories. */
    AuthChallenge withoutScope() {
        Map<String, String> copy = new LinkedHashMap<>(parameters);
        copy.remove("scope");
        return new AuthChallenge(scheme, copy);
    }

    Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /**
     * The token request: {@code realm?service=...&scope=...}, asking for {@code scope} and, when the challenge
     * names a different one, that scope too.
     */
    URI tokenUri(String scope) {
        String realm = parameter("realm")
                .filter(r -> r.startsWith("https://") || r.startsWith("http://"))
                .orElseThrow(() -> new IllegalStateException("a Bearer challenge without an http(s) realm"));
        Set<String> scopes = new LinkedHashSet<>();
        if (scope != null) {
            scopes.add(scope);
        }
        parameter("scope").filter(s -> !s.isBlank()).ifPresent(s -> scopes.addAll(List.of(s.split(" "))));
        StringBuilder uri = new StringBuilder(realm);
        char separator = realm.contains("?") ? '&' : '?';
        Optional<String> service = parameter("service");
        if (service.isPresent()) {
            uri.append(separator).append("service=").append(encode(service.get()));
            separator = '&';
        }
        for (String s : scopes) {
            uri.append(separator).append("scope=").append(encode(s));
            separator = '&';
        }
        return URI.create(uri.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
