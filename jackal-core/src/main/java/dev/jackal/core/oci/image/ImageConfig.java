package dev.jackal.core.oci.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The run configuration of a built image (the {@code config} object of the OCI image configuration). Maps and
 * the port set are sorted, so the same values always serialise to the same bytes. Build with {@link #builder()}.
 *
 * @param entrypoint the executable and its first arguments, possibly empty
 * @param cmd default arguments, possibly empty
 * @param env environment variables by name
 * @param user {@code uid[:gid]} or a name, or empty for root
 * @param workingDir the working directory, or empty
 * @param exposedPorts e.g. {@code 5000/tcp}
 * @param labels image labels
 */
public record ImageConfig(
        List<String> entrypoint,
        List<String> cmd,
        Map<String, String> env,
        String user,
        String workingDir,
        List<String> exposedPorts,
        Map<String, String> labels) {

    public ImageConfig {
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = Collections.unmodifiableMap(new TreeMap<>(env));
        user = user == null ? "" : user;
        workingDir = workingDir == null ? "" : workingDir;
        exposedPorts = List.copyOf(new TreeSet<>(exposedPorts));
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link ImageConfig}; everything is empty by default. */
    public static final class Builder {
        private List<String> entrypoint = List.of();
        private List<String> cmd = List.of();
        private final Map<String, String> env = new TreeMap<>();
        private String user = "";
        private String workingDir = "";
        private final List<String> exposedPorts = new ArrayList<>();
        private final Map<String, String> labels = new TreeMap<>();

        private Builder() {}

        public Builder entrypoint(String... value) {
            this.entrypoint = List.of(value);
            return this;
        }

        public Builder cmd(String... value) {
            this.cmd = List.of(value);
            return this;
        }

        public Builder env(String name, String value) {
            env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder user(String value) {
            this.user = value;
            return this;
        }

        public Builder workingDir(String value) {
            this.workingDir = value;
            return this;
        }

        /** A port such as {@code 5000/tcp}; a bare number means TCP. */
        public Builder exposedPort(String value) {
            exposedPorts.add(value.contains("/") ? value : value + "/tcp");
            return this;
        }

        public Builder label(String name, String value) {
            labels.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public ImageConfig build() {
            return new ImageConfig(entrypoint, cmd, env, user, workingDir, exposedPorts, labels);
        }
    }
}
