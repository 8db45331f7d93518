package dev.jackal.cluster.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The names the agent reads and writes on objects (spec §0, §9). */
public final class AgentLabels {

    /** Marks an object the agent has rewritten; such objects are let through unchanged. */
    public static final String PATCHED = "jackal-agent";

    public static final String PATCHED_VALUE = "patched";
    /** On namespaces and objects: {@code ignore} or {@code skip} keeps the agent away. */
    public static final String AGENT = "jackal.dev/agent";
    /** Annotation prefix recording a container's image before the rewrite. */
    public static final String ORIGINAL_IMAGE = "jackal.dev/original-image-";
    /** The pull secret deploy writes in every namespace it uses. */
    public static final String PULL_SECRET = "private-registry";
    /** The git credentials secret Flux sources are pointed at. */
    public static final String GIT_SECRET = "private-git-server";

    private AgentLabels() {}

    static boolean isPatched(ObjectNode object) {
        return PATCHED_VALUE.equals(
                object.path("metadata").path("labels").path(PATCHED).asText(null));
    }

    /** Sets {@code /metadata/labels} to the object's labels plus the patched mark: valid with or without labels. */
    static void markPatched(ObjectNode object, JsonPatch patch) {
        JsonNode metadata = object.path("metadata");
        JsonNode labels = metadata.path("labels");
        ObjectNode updated = labels.isObject() ? ((ObjectNode) labels).deepCopy() : object.objectNode();
        updated.put(PATCHED, PATCHED_VALUE);
        patch.set(metadata.isObject() ? (ObjectNode) metadata : null, "/metadata", "labels", updated);
    }
}
