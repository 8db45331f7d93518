package dev.jackal.core.oci;

import java.util.Map;
import java.util.Optional;

/** Finds the credentials for a registry host (as written in image references, e.g. {@code 127.0.0.1:5000}). */
@FunctionalInterface
public interface CredentialProvider {

    /** The credentials for {@code registry}, or empty for anonymous access. */
    Optional<Credentials> find(String registry);

    /** Never any credentials. */
    static CredentialProvider anonymous() {
        return registry -> Optional.empty();
    }

    /** Fixed credentials per registry host. */
    static CredentialProvider of(Map<String, Credentials> byRegistry) {
        Map<String, Credentials> copy = Map.copyOf(byRegistry);
        return registry -> Optional.ofNullable(copy.get(registry));
    }

    /** These credentials, else {@code other}'s. */
    default CredentialProvider orElse(CredentialProvider other) {
        return registry -> {
            Optional<Credentials> found = find(registry);
            return found.isPresent() ? found : other.find(registry);
        };
    }
}
