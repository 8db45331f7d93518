package dev.jackal.cluster.agent;

/** One kind of object the agent rewrites (spec §9): it reads the request and appends its operations to a patch. */
@FunctionalInterface
public interface Mutation {

    /**
     * Appends the operations that point {@code request}'s object at the air-gap registry or git server.
     *
     * @throws AgentException when the object holds a value that cannot be rewritten; the request is then refused
     */
    void mutate(AdmissionRequest request, AgentState state, JsonPatch patch);
}
