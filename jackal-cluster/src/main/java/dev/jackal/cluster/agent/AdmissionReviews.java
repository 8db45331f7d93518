package dev.jackal.cluster.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Turns an {@code AdmissionReview} request into its answer (spec §9), without I/O: the mutation's operations as a
 * base64 JSON Patch, or {@code allowed: false} with a one-line status message when the object cannot be rewritten
 * (upstream Zarf's behaviour; the baseline answered HTTP 500). Only CREATE and UPDATE are mutated; the answer has
 * the request's {@code apiVersion}, as the API server requires.
 */
public final class AdmissionReviews {

    static final String DEFAULT_API_VERSION = "admission.k8s.io/v1";

    private AdmissionReviews() {}

    /**
     * The outcome: the review to send back, and for the log how many operations it holds or why it refuses (never a
     * secret).
     */
    public record Answer(ObjectNode review, boolean allowed, int operations, String message) {}

    private record Outcome(boolean allowed, int operations, String message) {}

    /**
     * Answers {@code review} with {@code mutation}; the state is read for every CREATE and UPDATE.
     *
     * @throws AgentException when {@code review} is not an AdmissionReview request (no {@code request.uid})
     */
    public static Answer answer(JsonNode review, Mutation mutation, Supplier<AgentState> state) {
        JsonNode request = review.path("request");
        String uid = request.path("uid").asText("");
        if (uid.isEmpty() || !review.path("kind").asText("").equals("AdmissionReview")) {
            throw new AgentException("the body is not an AdmissionReview request with request.uid");
        }
        String apiVersion = review.path("apiVersion").asText(DEFAULT_API_VERSION);
        ObjectNode response = JsonNodeFactory.instance.objectNode().put("uid", uid);
        AdmissionRequest admission = new AdmissionRequest(
                uid,
                request.path("operation").asText(""),
                request.path("subResource").asText(""),
                request.path("object").isObject()
                        ? ((ObjectNode) request.path("object")).deepCopy()
                        : JsonNodeFactory.instance.objectNode());
        Outcome outcome;
        if (!admission.isCreate() && !admission.isUpdate()) {
            response.put("allowed", true);
            outcome = new Outcome(true, 0, admission.operation() + " is not mutated");
        } else {
            outcome = mutate(admission, mutation, state, response);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("apiVersion", apiVersion).put("kind", "AdmissionReview").set("response", response);
        return new Answer(out, outcome.allowed(), outcome.operations(), outcome.message());
    }

    private static Outcome mutate(
            AdmissionRequest admission, Mutation mutation, Supplier<AgentState> state, ObjectNode response) {
        JsonPatch patch = new JsonPatch();
        try {
            mutation.mutate(admission, state.get(), patch);
        } catch (AgentException e) {
            return refuse(response, e.getMessage());
        } catch (RuntimeException e) {
            // a bug, not the object's fault: refuse the object with the error's type, never a stack trace
            return refuse(
                    response,
                    "the jackal agent failed on " + admission.objectName() + ": "
                            + e.getClass().getSimpleName());
        }
        response.put("allowed", true);
        if (!patch.isEmpty()) {
            byte[] json = patch.operations().toString().getBytes(StandardCharsets.UTF_8);
            response.put("patchType", "JSONPatch")
                    .put("patch", Base64.getEncoder().encodeToString(json));
        }
        return new Outcome(true, patch.operations().size(), admission.objectName());
    }

    private static Outcome refuse(ObjectNode response, String message) {
        response.put("allowed", false);
        response.putObject("status").put("message", message);
        return new Outcome(false, 0, message);
    }
}
