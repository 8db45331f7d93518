package dev.jackal.cluster;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@code jackal internal agent} runs (spec §7.6, §9).
 *
 * @param bindAddress the address to listen on ({@code 0.0.0.0} in the cluster)
 * @param port the HTTPS port (8443; 0 picks a free one)
 * @param certDir the directory with {@code tls.crt} and {@code tls.key} (PEM)
 * @param stateFile the mounted state secret's {@code state} key
 */
public record AgentSettings(String bindAddress, int port, Path certDir, Path stateFile) {

    public static final int DEFAULT_PORT = 8443;
    public static final Path DEFAULT_CERT_DIR = Path.of("/etc/certs");
    public static final Path DEFAULT_STATE_FILE = Path.of("/etc/jackal-state/state");

    public AgentSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(certDir, "certDir");
        Objects.requireNonNull(stateFile, "stateFile");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the port must be between 0 and 65535: " + port);
        }
    }

    /** The spec's defaults: all addresses, port 8443, {@code /etc/certs}, {@code /etc/jackal-state/state}. */
    public static AgentSettings defaults() {
        return new AgentSettings("0.0.0.0", DEFAULT_PORT, DEFAULT_CERT_DIR, DEFAULT_STATE_FILE);
    }
}
