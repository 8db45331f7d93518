package dev.jackal.cluster.state;

import java.time.Instant;

/**
 * A new state from init's flags and what the cluster showed (spec §7.3): every value not given gets its default,
 * every password not given is generated. A pure function apart from the randomness.
 */
public final class StateFactory {

    public static final int DEFAULT_NODE_PORT = 31999;
    public static final String REGISTRY_PUSH_USER = "jackal-push";
    public static final String REGISTRY_PULL_USER = "jackal-pull";
    public static final String GIT_PUSH_USER = "jackal-git-user";
    public static final String GIT_PULL_USER = "jackal-git-read-user";
    public static final String GIT_ADDRESS = "http://jackal-gitea-http.jackal.svc.cluster.local:3000";

    private StateFactory() {}

    /**
     * @param detectedDistro what {@link Distro#detect} found (ignored in appliance mode, which is k3s)
     * @param architecture the cluster's architecture
     * @param now when the agent's certificates start to be valid
     */
    public static JackalState create(StateOptions options, String detectedDistro, String architecture, Instant now) {
        String distro = options.appliance() ? Distro.K3S : detectedDistro;
        String storageClass =
                options.storageClass() != null ? options.storageClass() : Distro.defaultStorageClass(distro);
        GitServerInfo git = git(options.git());
        return new JackalState(
                options.appliance(),
                distro,
                architecture,
                storageClass,
                AgentPki.generate(now),
                git,
                registry(options.registry()),
                artifact(options.artifact(), git),
                Passwords.random(Passwords.PASSWORD_LENGTH));
    }

    static RegistryInfo registry(StateOptions.RegistryOptions o) {
        int nodePort = o.nodePort() != null ? o.nodePort() : DEFAULT_NODE_PORT;
        boolean internal = o.url() == null;
        String pushUser = or(o.pushUsername(), REGISTRY_PUSH_USER);
        String pushPassword = or(o.pushPassword(), generated());
        return new RegistryInfo(
                pushUser,
                pushPassword,
                or(o.pullUsername(), internal ? REGISTRY_PULL_USER : pushUser),
                or(o.pullPassword(), internal ? generated() : pushPassword),
                internal ? "127.0.0.1:" + nodePort : o.url(),
                nodePort,
                internal,
                or(o.secret(), Passwords.random(Passwords.REGISTRY_SECRET_LENGTH)));
    }

    static GitServerInfo git(StateOptions.GitOptions o) {
        boolean internal = o.url() == null;
        String pushUser = or(o.pushUsername(), GIT_PUSH_USER);
        String pushPassword = or(o.pushPassword(), generated());
        return new GitServerInfo(
                pushUser,
                pushPassword,
                or(o.pullUsername(), internal ? GIT_PULL_USER : pushUser),
                or(o.pullPassword(), internal ? generated() : pushPassword),
                internal ? GIT_ADDRESS : o.url(),
                internal);
    }

    static ArtifactServerInfo artifact(StateOptions.ArtifactOptions o, GitServerInfo git) {
        boolean internal = o.url() == null;
        return new ArtifactServerInfo(
                or(o.pushUsername(), internal ? GIT_PUSH_USER : ""),
                or(o.pushToken(), ""),
                internal ? git.address() + "/api/packages/" + GIT_PUSH_USER : o.url(),
                internal);
    }

    private static String generated() {
        return Passwords.random(Passwords.PASSWORD_LENGTH);
    }

    private static String or(String given, String fallback) {
        return given == null || given.isEmpty() ? fallback : given;
    }
}
