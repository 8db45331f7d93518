package dev.jackal.cluster.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Argo CD repository {@code Secret}s (label {@code argocd.argoproj.io/secret-type=repository}, spec §9): the URL in
 * {@code data.url} moved to the git server, and the git server's read-only user and password as credentials.
 */
final class ArgoRepositoryMutation implements Mutation {

    static final String SECRET_TYPE = "argocd.argoproj.io/secret-type";
    /** The read-only git user init creates when the state names none. */
    static final String DEFAULT_PULL_USER = "jackal-git-read-user";

    @Override
    public void mutate(AdmissionRequest request, AgentState state, JsonPatch patch) {
        ObjectNode secret = request.object();
        if (!"repository"
                .equals(secret.path("metadata").path("labels").path(SECRET_TYPE).asText(""))) {
            return;
        }
        String what = "Secret " + request.objectName();
        JsonNode data = secret.path("data");
        String url = decode(data.path("url").asText(""), what);
        if (url.isEmpty()) {
            throw new AgentException(
                    what + " is an Argo CD repository secret without data.url; add the repository" + " URL");
        }
        if (Hosts.needsRewrite(request, state.git().address(), url)) {
            url = Hosts.gitUrl(state, url, what + " data.url");
        }
        AgentState.GitServer git = state.git();
        String user =
                git.pullUsername() == null || git.pullUsername().isBlank() ? DEFAULT_PULL_USER : git.pullUsername();
        ObjectNode parent = (ObjectNode) data;
        patch.replace("/data/url", TextNode.valueOf(encode(url)));
        patch.set(parent, "/data", "username", TextNode.valueOf(encode(user)));
        patch.set(
                parent,
                "/data",
                "password",
                TextNode.valueOf(encode(git.pullPassword() == null ? "" : git.pullPassword())));
    }

    private static String decode(String base64, String what) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new AgentException(what + ": data.url is not base64");
        }
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
