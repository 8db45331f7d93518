package dev.jackal.cluster.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;

/**
 * Flux {@code HelmRepository} of {@code type: oci} (spec §9, as upstream Zarf): the {@code oci://} URL moved to the
 * registry as pods reach it, the pull secret {@code private-registry}, {@code insecure: true} for the internal
 * registry and the patched label. Other repository types are HTTP chart indexes the registry cannot serve and are
 * let through unchanged.
 */
final class FluxHelmRepositoryMutation implements Mutation {

    @Override
    public void mutate(AdmissionRequest request, AgentState state, JsonPatch patch) {
        ObjectNode object = request.object();
        JsonNode spec = object.path("spec");
        if (!"oci".equals(spec.path("type").asText("").toLowerCase(Locale.ROOT)) || AgentLabels.isPatched(object)) {
            return;
        }
        String url = spec.path("url").asText("");
        String registry = state.registry().addressFromPods();
        String newUrl = url;
        if (Hosts.needsRewrite(request, registry, url)) {
            newUrl = OciUrls.SCHEME
                    + OciUrls.transform(registry, url, "", "HelmRepository " + request.objectName() + " spec.url")
                            .name();
        }
        ObjectNode specObject = (ObjectNode) spec;
        patch.replace("/spec/url", TextNode.valueOf(newUrl));
        patch.set(specObject, "/spec", "secretRef", object.objectNode().put("name", AgentLabels.PULL_SECRET));
        if (state.registry().internal()) {
            patch.set(specObject, "/spec", "insecure", object.booleanNode(true));
        }
        AgentLabels.markPatched(object, patch);
    }
}
