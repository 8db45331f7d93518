package dev.jackal.cluster.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The part of an {@code AdmissionReview}'s {@code request} the mutations read.
 *
 * @param uid the request's id, echoed in the answer
 * @param operation {@code CREATE}, {@code UPDATE}, {@code DELETE} or {@code CONNECT}
 * @param subResource e.g. {@code ephemeralcontainers}, or empty
 * @param object the object as it will be stored (a copy: mutations may read it freely)
 */
public record AdmissionRequest(String uid, String operation, String subResource, ObjectNode object) {

    public boolean isCreate() {
        return "CREATE".equals(operation);
    }

    public boolean isUpdate() {
        return "UPDATE".equals(operation);
    }

    /** {@code namespace/name} (or what of it is known: pods made by controllers have no name yet), for messages. */
    public String objectName() {
        JsonNode metadata = object.path("metadata");
        String name = metadata.path("name").asText(metadata.path("generateName").asText(""));
        String namespace = metadata.path("namespace").asText("");
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
