package dev.jackal.maven;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads a mojo setting with jackal's precedence: a {@code -Djackal.*} user property beats the POM's
 * {@code <configuration>}, which beats the default. (Maven itself lets the POM win.) Map-valued settings
 * take {@code KEY=value} pairs separated by commas on the command line.
 */
final class RawConfiguration {

    private final Properties userProperties;

    RawConfiguration(Properties userProperties) {
        this.userProperties = userProperties;
    }

    String string(String property, String pomValue, String fallback) {
        String user = userProperties.getProperty(property);
        if (user != null) {
            return user;
        }
        return pomValue != null ? pomValue : fallback;
    }

    boolean bool(String property, boolean pomValue) {
        return Optional.ofNullable(userProperties.getProperty(property))
                .map(v -> v.isEmpty() || Boolean.parseBoolean(v))
                .orElse(pomValue);
    }

    int integer(String property, int pomValue) {
        String user = userProperties.getProperty(property);
        if (user == null) {
            return pomValue;
        }
        try {
            return Integer.parseInt(user.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + property + "=" + user + " is not a whole number");
        }
    }

    Map<String, String> map(String property, Map<String, String> pomValue) {
        String user = userProperties.getProperty(property);
        if (user == null) {
            return pomValue == null ? Map.of() : pomValue;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : user.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "-D" + property + " takes KEY=value pairs separated by commas, not '" + pair + "'");
            }
            map.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return map;
    }
}
