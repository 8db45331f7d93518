package dev.jackal.cluster.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.jackal.core.oci.ImageTransform;
import dev.jackal.core.oci.InvalidReferenceException;

/**
 * Pods (spec §9, {@code /mutate/pod}): the pull secret {@code private-registry}, every init, ephemeral and regular
 * container's image moved to the registry with its checksum tag, the original image kept in an annotation
 * {@code jackal.dev/original-image-<container>}, and the {@code jackal-agent: patched} label. A pod that carries the
 * label is let through. Through the {@code ephemeralcontainers} sub-resource (kubectl debug) only the ephemeral
 * containers change: the API server takes nothing else from that request.
 */
final class PodMutation implements Mutation {

    /** The longest name part of an annotation key. */
    private static final int MAX_KEY_NAME = 63;

    private static final String[] CONTAINER_LISTS = {"initContainers", "ephemeralContainers", "containers"};

    @Override
    public void mutate(AdmissionRequest request, AgentState state, JsonPatch patch) {
        ObjectNode pod = request.object();
        JsonNode spec = pod.path("spec");
        if ("ephemeralcontainers".equals(request.subResource())) {
            rewriteImages(request, spec, "ephemeralContainers", state, patch, null);
            return;
        }
        if (AgentLabels.isPatched(pod)) {
            return;
        }
        patch.set(
                spec.isObject() ? (ObjectNode) spec : null,
                "/spec",
                "imagePullSecrets",
                pod.arrayNode().add(pod.objectNode().put("name", AgentLabels.PULL_SECRET)));
        JsonNode annotations = pod.path("metadata").path("annotations");
        ObjectNode updated = annotations.isObject() ? ((ObjectNode) annotations).deepCopy() : pod.objectNode();
        for (String list : CONTAINER_LISTS) {
            rewriteImages(request, spec, list, state, patch, updated);
        }
        AgentLabels.markPatched(pod, patch);
        if (!updated.isEmpty() && !updated.equals(annotations)) {
            JsonNode metadata = pod.path("metadata");
            patch.set(metadata.isObject() ? (ObjectNode) metadata : null, "/metadata", "annotations", updated);
        }
    }

    private static void rewriteImages(
            AdmissionRequest request,
            JsonNode spec,
            String list,
            AgentState state,
            JsonPatch patch,
            ObjectNode annotations) {
        JsonNode containers = spec.path(list);
        for (int i = 0; i < containers.size(); i++) {
            JsonNode container = containers.get(i);
            String name = container.path("name").asText("");
            String image = container.path("image").asText(null);
            if (image == null) {
                continue;
            }
            String rewritten = transform(request, state, name, image);
            if (rewritten.equals(image)) {
                continue;
            }
            patch.replace("/spec/" + list + "/" + i + "/image", TextNode.valueOf(rewritten));
            String key = AgentLabels.ORIGINAL_IMAGE + name;
            if (annotations != null && key.length() - "jackal.dev/".length() <= MAX_KEY_NAME) {
                annotations.put(key, image);
            }
        }
    }

    private static String transform(AdmissionRequest request, AgentState state, String container, String image) {
        try {
            return ImageTransform.jackal().withChecksum(state.registry().address(), image);
        } catch (InvalidReferenceException e) {
            throw new AgentException("pod " + request.objectName() + ": container '" + container + "' has image '"
                    + image + "', which is not an image reference; fix the image name");
        }
    }
}
