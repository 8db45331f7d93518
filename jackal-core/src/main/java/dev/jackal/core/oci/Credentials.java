package dev.jackal.core.oci;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and password (or access token) for one registry. {@link #toString()} never shows the password.
 *
 * @param username the user name
 * @param password the password or token
 */
public record Credentials(String username, String password) {

    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("a user name is required");
        }
    }

    /** The value of an {@code Authorization: Basic ...} header. */
    String basicAuthorization() {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=****]";
    }
}
