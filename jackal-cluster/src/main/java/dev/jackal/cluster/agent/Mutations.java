package dev.jackal.cluster.agent;

import java.util.LinkedHashMap;
import java.util.Map;

/** The agent's endpoints and what each rewrites (spec §9). */
public final class Mutations {

    private static final Map<String, Mutation> BY_PATH = new LinkedHashMap<>();

    static {
        BY_PATH.put("/mutate/pod", new PodMutation());
        BY_PATH.put("/mutate/flux-gitrepository", new FluxGitRepositoryMutation());
        BY_PATH.put("/mutate/flux-ocirepository", new FluxOciRepositoryMutation());
        BY_PATH.put("/mutate/flux-helmrepository", new FluxHelmRepositoryMutation());
        BY_PATH.put("/mutate/argocd-application", new ArgoApplicationMutation());
        BY_PATH.put("/mutate/argocd-repository", new ArgoRepositoryMutation());
    }

    private Mutations() {}

    /** Every endpoint path and its mutation, in a fixed order. */
    public static Map<String, Mutation> byPath() {
        return java.util.Collections.unmodifiableMap(BY_PATH);
    }
}
