package dev.jackal.cluster.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.jackal.core.oci.ImageReference;

/**
 * Flux {@code OCIRepository} (spec §9, as upstream Zarf): the {@code oci://} URL and its {@code ref} moved to the
 * registry as pods reach it, with the checksum tag of a tag reference (a digest stays), the pull secret
 * {@code private-registry}, {@code insecure: true} for the internal registry (plain HTTP) and the patched label. A
 * {@code semver} reference keeps its range: the registry holds the original tags too. Unlike upstream Zarf the
 * agent does not ask the registry whether the artifact is a Helm chart (to drop the checksum tag for it): deploy
 * pushes every artifact under both names, so the checksum name always exists.
 */
final class FluxOciRepositoryMutation implements Mutation {

    @Override
    public void mutate(AdmissionRequest request, AgentState state, JsonPatch patch) {
        ObjectNode object = request.object();
        if (AgentLabels.isPatched(object)) {
            return;
        }
        JsonNode spec = object.path("spec");
        String url = spec.path("url").asText("");
        String registry = state.registry().addressFromPods();
        JsonNode ref = spec.path("ref");
        String digest = ref.path("digest").asText("");
        String tag = ref.path("tag").asText("");
        ObjectNode newRef = ref.isObject() ? ((ObjectNode) ref).deepCopy() : object.objectNode();
        String newUrl = url;
        if (Hosts.needsRewrite(request, registry, url)) {
            String suffix = !digest.isEmpty() ? "@" + digest : !tag.isEmpty() ? ":" + tag : "";
            ImageReference moved =
                    OciUrls.transform(registry, url, suffix, "OCIRepository " + request.objectName() + " spec.url");
            if (moved.digest().isPresent()) {
                newRef.put("digest", moved.digest().get().toString());
            } else {
                newRef.put("tag", moved.tag().orElse(ImageReference.DEFAULT_TAG));
            }
            newUrl = OciUrls.SCHEME + moved.name();
        }
        ObjectNode specObject = spec.isObject() ? (ObjectNode) spec : null;
        patch.replace("/spec/url", TextNode.valueOf(newUrl));
        patch.set(specObject, "/spec", "secretRef", object.objectNode().put("name", AgentLabels.PULL_SECRET));
        if (state.registry().internal()) {
            patch.set(specObject, "/spec", "insecure", object.booleanNode(true));
        }
        if (ref.path("semver").asText("").isEmpty()) {
            patch.set(specObject, "/spec", "ref", newRef);
        }
        AgentLabels.markPatched(object, patch);
    }
}
