package dev.jackal.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Reads a mojo setting with jackal's precedence (Jib's order), the one rule of the plugin:
 *
 * <ol>
 *   <li>a user property ({@code -Djackal.x=…}),
 *   <li>then a project property ({@code <properties><jackal.x>} of the POM, its parents or an active profile),
 *   <li>then a system property,
 *   <li>then the parameter as the POM's {@code <configuration>} (or Maven's default) set it.
 * </ol>
 *
 * <p>Settings that are chosen per execution ({@code architecture}, {@code flavor}) are the exception: an
 * execution (or plugin) {@code <configuration>} that names one keeps it, and a property that disagrees is logged
 * and applies only to executions that name none. Relative paths, from a property or the POM, resolve against
 * {@code ${project.basedir}}. Map-valued properties take {@code KEY=value} pairs separated by commas.
 */
final class RawConfiguration {

    private final Properties user;
    private final Properties project;
    private final Properties system;
    private final Path basedir;

    RawConfiguration(Properties user, Properties project, Properties system, Path basedir) {
        this.user = user;
        this.project = project;
        this.system = system;
        this.basedir = basedir;
    }

    /** A property's value and where it was set, for messages. */
    record Property(String name, String value, String origin) {
        /** How the user wrote it: {@code -Djackal.x=v}, {@code <jackal.x>v</jackal.x>} or a system property. */
        String described() {
            return switch (origin) {
                case "user" -> "-D" + name + "=" + value;
                case "project" -> "<" + name + ">" + value + "</" + name + "> (in the POM's <properties>)";
                default -> "system property " + name + "=" + value;
            };
        }
    }

    /** The property {@code name}: user, then project, then system. */
    Optional<Property> property(String name) {
        if (user.getProperty(name) != null) {
            return Optional.of(new Property(name, user.getProperty(name), "user"));
        }
        if (project.getProperty(name) != null) {
            return Optional.of(new Property(name, project.getProperty(name), "project"));
        }
        if (system.getProperty(name) != null) {
            return Optional.of(new Property(name, system.getProperty(name), "system"));
        }
        return Optional.empty();
    }

    String string(String name, String configured, String fallback) {
        return property(name).map(Property::value).orElse(configured != null ? configured : fallback);
    }

    boolean bool(String name, boolean configured) {
        Optional<Property> property = property(name);
        if (property.isEmpty()) {
            return configured;
        }
        String value = property.get().value().strip();
        if (value.isEmpty() || value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(property.get().described() + " is neither true nor false");
    }

    int integer(String name, int configured) {
        Optional<Property> property = property(name);
        if (property.isEmpty()) {
            return configured;
        }
        try {
            return Integer.parseInt(property.get().value().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property.get().described() + " is not a whole number");
        }
    }

    Map<String, String> map(String name, Map<String, String> configured) {
        Optional<Property> property = property(name);
        if (property.isEmpty()) {
            return configured == null ? Map.of() : configured;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : property.get().value().split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(property.get().described()
                        + " takes KEY=value pairs separated by commas, not '" + pair.strip() + "'");
            }
            map.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return map;
    }

    /** A path setting, resolved against {@code ${project.basedir}} when relative; null when neither is set. */
    Path path(String name, File configured) {
        String value = string(name, configured == null ? null : configured.getPath(), null);
        return value == null ? null : basedir.resolve(value).normalize();
    }

    /**
     * A setting chosen per execution. {@code configured} is the parameter's value: the execution's or the plugin's
     * {@code <configuration>}, or what Maven injected from the property ({@code property=}) when neither names it.
     * A configured value that differs from what Maven would inject is explicit and wins; {@code ignored} is told
     * about the property it beat.
     */
    String perExecution(String name, String configured, Consumer<Property> ignored) {
        Optional<Property> property = property(name);
        if (configured == null || Objects.equals(configured, mavenInjected(name))) {
            return property.map(Property::value).orElse(configured);
        }
        property.filter(p -> !p.value().equals(configured)).ifPresent(ignored);
        return configured;
    }

    /** What Maven itself puts into a parameter with {@code property = name}: user, system, then project. */
    private String mavenInjected(String name) {
        String value = user.getProperty(name);
        if (value == null) {
            value = system.getProperty(name);
        }
        return value != null ? value : project.getProperty(name);
    }
}
