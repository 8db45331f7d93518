package dev.jackal.cluster.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Flux {@code GitRepository} (spec §9): {@code spec.url} moved to the git server under the push user, and the
 * credentials secret {@code private-git-server}.
 */
final class FluxGitRepositoryMutation implements Mutation {

    @Override
    public void mutate(AdmissionRequest request, AgentState state, JsonPatch patch) {
        JsonNode spec = request.object().path("spec");
        String url = spec.path("url").asText("");
        String what = "GitRepository " + request.objectName();
        if (url.isEmpty()) {
            throw new AgentException(what + " has no spec.url");
        }
        if (Hosts.needsRewrite(request, state.git().address(), url)) {
            patch.replace("/spec/url", TextNode.valueOf(Hosts.gitUrl(state, url, what + " spec.url")));
        }
        JsonNode secretRef = spec.path("secretRef");
        if (secretRef.isObject()) {
            patch.set((ObjectNode) secretRef, "/spec/secretRef", "name", TextNode.valueOf(AgentLabels.GIT_SECRET));
        } else {
            patch.add("/spec/secretRef", request.object().objectNode().put("name", AgentLabels.GIT_SECRET));
        }
    }
}
