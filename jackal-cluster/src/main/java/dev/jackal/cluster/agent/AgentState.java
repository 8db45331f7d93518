package dev.jackal.cluster.agent;

import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.cluster.state.GitServerInfo;
import dev.jackal.cluster.state.JackalState;
import dev.jackal.cluster.state.RegistryInfo;
import dev.jackal.cluster.state.StateSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What the agent needs of the cluster's state (spec §7.3): the registry and git server addresses and the git
 * read-only credentials. Read from the mounted state secret ({@code /etc/jackal-state/state}); every other field of
 * the state JSON is ignored, so the agent keeps working when the state gains fields.
 *
 * @param registry the registry the images were pushed to
 * @param git the git server the repositories were pushed to
 */
public record AgentState(Registry registry, GitServer git) {

    /** The in-cluster registry's service, as the init package installs it (spec §0, §6.5). */
    static final String REGISTRY_SERVICE = "jackal-docker-registry.jackal.svc.cluster.local:5000";

    /**
     * @param address the address nodes pull from, e.g. {@code 127.0.0.1:31999}
     * @param internal whether it is the registry init installed in the cluster
     */
    public record Registry(String address, boolean internal) {
        /**
         * The address a pod reaches the registry at. Nodes pull from {@code 127.0.0.1:<nodePort>}, but inside a pod
         * (Flux's source controller) that is the pod itself, so the internal registry is reached through its
         * service instead.
         */
        public String addressFromPods() {
            return internal && address.startsWith("127.0.0.1:") ? REGISTRY_SERVICE : address;
        }
    }

    /** The git server; the pull password is a secret and never printed ({@link #toString()}). */
    public record GitServer(String address, String pushUsername, String pullUsername, String pullPassword) {
        @Override
        public String toString() {
            return "GitServer[address=" + address + ", pushUsername=" + pushUsername + ", pullUsername=" + pullUsername
                    + ", pullPassword=**sanitized**]";
        }
    }

    /** Reads the state JSON at {@code file}; a missing or malformed file is an {@link AgentException} naming it. */
    public static AgentState read(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new AgentException("the state file " + file + " does not exist; mount the jackal-state secret there"
                    + " or name the file with --state-file");
        } catch (IOException e) {
            throw new AgentException("cannot read the state file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses state JSON with the state model ({@link StateSecret}); {@code source} names it in messages. */
    public static AgentState parse(byte[] json, String source) {
        JackalState state;
        try {
            state = StateSecret.fromJson(new String(json, StandardCharsets.UTF_8));
        } catch (ClusterException e) {
            // the state's own message names the secret, not the file the agent read: name the file, never the content
            throw new AgentException(source + " is not the state JSON of jackal init (spec §7.3)");
        }
        RegistryInfo registry = state.registryInfo();
        if (registry == null || blank(registry.address())) {
            throw new AgentException(source + " has no registryInfo.address; run jackal init to write the state");
        }
        GitServerInfo git =
                state.gitServer() == null ? new GitServerInfo(null, null, null, null, null, false) : state.gitServer();
        return new AgentState(
                new Registry(registry.address(), registry.internalRegistry()),
                new GitServer(git.address(), git.pushUsername(), git.pullUsername(), git.pullPassword()));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
