package dev.jackal.cluster.state;

/**
 * What {@code jackal init}'s flags say about the state (spec §7.1); null means "not given", so the default applies
 * and a later init does not warn about it.
 *
 * @param architecture the package's architecture; null reads it from the first node
 * @param storageClass {@code --storage-class}; null takes the distribution's default
 * @param appliance true when the init deploys k3s (appliance mode)
 */
public record StateOptions(
        String architecture,
        String storageClass,
        boolean appliance,
        RegistryOptions registry,
        GitOptions git,
        ArtifactOptions artifact) {

    /** No flags at all. */
    public static final StateOptions DEFAULTS = new StateOptions(
            null, null, false, RegistryOptions.DEFAULTS, GitOptions.DEFAULTS, ArtifactOptions.DEFAULTS);

    public StateOptions {
        registry = registry == null ? RegistryOptions.DEFAULTS : registry;
        git = git == null ? GitOptions.DEFAULTS : git;
        artifact = artifact == null ? ArtifactOptions.DEFAULTS : artifact;
    }

    public StateOptions withRegistry(RegistryOptions registry) {
        return new StateOptions(architecture, storageClass, appliance, registry, git, artifact);
    }

    public StateOptions withGit(GitOptions git) {
        return new StateOptions(architecture, storageClass, appliance, registry, git, artifact);
    }

    public StateOptions withStorageClass(String storageClass) {
        return new StateOptions(architecture, storageClass, appliance, registry, git, artifact);
    }

    /**
     * {@code --registry-url}, {@code --nodeport}, {@code --registry-push-username|password},
     * {@code --registry-pull-username|password}, {@code --registry-secret}.
     */
    public record RegistryOptions(
            String url,
            Integer nodePort,
            String pushUsername,
            String pushPassword,
            String pullUsername,
            String pullPassword,
            String secret) {

        public static final RegistryOptions DEFAULTS = new RegistryOptions(null, null, null, null, null, null, null);

        public RegistryOptions {
            if (nodePort != null && (nodePort < 1 || nodePort > 65535)) {
                throw new StateOptionsException("--nodeport", nodePort + " is not a port number; use 30000-32767");
            }
            if (url != null && (isBlank(pushUsername) || isBlank(pushPassword))) {
                throw new StateOptionsException(
                        "--registry-url",
                        "an external registry needs --registry-push-username and --registry-push-password");
            }
        }

        @Override
        public String toString() {
            return "RegistryOptions[url=" + url + ", nodePort=" + nodePort + ", pushUsername=" + pushUsername
                    + ", pushPassword=" + Sanitized.secret(pushPassword) + ", pullUsername=" + pullUsername
                    + ", pullPassword=" + Sanitized.secret(pullPassword) + ", secret=" + Sanitized.secret(secret)
                    + "]";
        }
    }

    /** {@code --git-url}, {@code --git-push-username|password}, {@code --git-pull-username|password}. */
    public record GitOptions(
            String url, String pushUsername, String pushPassword, String pullUsername, String pullPassword) {

        public static final GitOptions DEFAULTS = new GitOptions(null, null, null, null, null);

        public GitOptions {
            if (url != null && (isBlank(pushUsername) || isBlank(pushPassword))) {
                throw new StateOptionsException(
                        "--git-url", "an external git server needs --git-push-username and --git-push-password");
            }
        }

        @Override
        public String toString() {
            return "GitOptions[url=" + url + ", pushUsername=" + pushUsername + ", pushPassword="
                    + Sanitized.secret(pushPassword) + ", pullUsername=" + pullUsername + ", pullPassword="
                    + Sanitized.secret(pullPassword) + "]";
        }
    }

    /** {@code --artifact-url}, {@code --artifact-push-username}, {@code --artifact-push-token}. */
    public record ArtifactOptions(String url, String pushUsername, String pushToken) {

        public static final ArtifactOptions DEFAULTS = new ArtifactOptions(null, null, null);

        public ArtifactOptions {
            if (url != null && (isBlank(pushUsername) || isBlank(pushToken))) {
                throw new StateOptionsException(
                        "--artifact-url",
                        "an external artifact server needs --artifact-push-username and --artifact-push-token");
            }
        }

        @Override
        public String toString() {
            return "ArtifactOptions[url=" + url + ", pushUsername=" + pushUsername + ", pushToken="
                    + Sanitized.secret(pushToken) + "]";
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
