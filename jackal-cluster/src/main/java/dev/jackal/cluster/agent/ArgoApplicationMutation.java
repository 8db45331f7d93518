package dev.jackal.cluster.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** Argo CD {@code Application} (spec §9): {@code spec.source.repoURL} and each {@code spec.sources[i].repoURL}. */
final class ArgoApplicationMutation implements Mutation {

    @Override
    public void mutate(AdmissionRequest request, AgentState state, JsonPatch patch) {
        JsonNode spec = request.object().path("spec");
        String what = "Application " + request.objectName();
        rewrite(request, state, patch, spec.path("source"), "/spec/source", what + " spec.source.repoURL");
        JsonNode sources = spec.path("sources");
        for (int i = 0; i < sources.size(); i++) {
            rewrite(
                    request,
                    state,
                    patch,
                    sources.get(i),
                    "/spec/sources/" + i,
                    what + " spec.sources[" + i + "].repoURL");
        }
    }

    private static void rewrite(
            AdmissionRequest request, AgentState state, JsonPatch patch, JsonNode source, String path, String what) {
        String url = source.path("repoURL").asText("");
        if (url.isEmpty() || !Hosts.needsRewrite(request, state.git().address(), url)) {
            return;
        }
        patch.replace(path + "/repoURL", TextNode.valueOf(Hosts.gitUrl(state, url, what)));
    }
}
