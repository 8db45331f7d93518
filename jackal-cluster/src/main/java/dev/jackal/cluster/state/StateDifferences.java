package dev.jackal.cluster.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Which of init's flags ask for something else than an existing state holds; names flags, never values. */
final class StateDifferences {

    private StateDifferences() {}

    static List<String> flagsThatDiffer(JackalState state, StateOptions options) {
        List<String> flags = new ArrayList<>();
        StateOptions.RegistryOptions r = options.registry();
        RegistryInfo ri = state.registryInfo();
        if (ri != null) {
            check(flags, "--registry-url", r.url(), ri.address());
            if (r.nodePort() != null && r.nodePort() != ri.nodePort()) {
                flags.add("--nodeport");
            }
            check(flags, "--registry-push-username", r.pushUsername(), ri.pushUsername());
            check(flags, "--registry-push-password", r.pushPassword(), ri.pushPassword());
            check(flags, "--registry-pull-username", r.pullUsername(), ri.pullUsername());
            check(flags, "--registry-pull-password", r.pullPassword(), ri.pullPassword());
            check(flags, "--registry-secret", r.secret(), ri.secret());
        }
        StateOptions.GitOptions g = options.git();
        GitServerInfo gi = state.gitServer();
        if (gi != null) {
            check(flags, "--git-url", g.url(), gi.address());
            check(flags, "--git-push-username", g.pushUsername(), gi.pushUsername());
            check(flags, "--git-push-password", g.pushPassword(), gi.pushPassword());
            check(flags, "--git-pull-username", g.pullUsername(), gi.pullUsername());
            check(flags, "--git-pull-password", g.pullPassword(), gi.pullPassword());
        }
        StateOptions.ArtifactOptions a = options.artifact();
        ArtifactServerInfo ai = state.artifactServer();
        if (ai != null) {
            check(flags, "--artifact-url", a.url(), ai.address());
            check(flags, "--artifact-push-username", a.pushUsername(), ai.pushUsername());
            check(flags, "--artifact-push-token", a.pushToken(), ai.pushPassword());
        }
        check(flags, "--storage-class", options.storageClass(), state.storageClass());
        return flags;
    }

    private static void check(List<String> flags, String flag, String given, String stored) {
        if (given != null && !Objects.equals(given, stored)) {
            flags.add(flag);
        }
    }
}
