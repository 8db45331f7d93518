package dev.jackal.cluster.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AdmissionReviewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode review(String operation) throws Exception {
        return (ObjectNode) JSON.readTree(
                """
                {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u-1",
                 "operation":"%s","object":{"metadata":{"name":"p","namespace":"n"},
                 "spec":{"containers":[{"name":"c","image":"nginx"}]}}}}"""
                        .formatted(operation));
    }

    @Test
    void deleteAndConnectAreAllowedWithoutReadingTheState() throws Exception {
        for (String operation : new String[] {"DELETE", "CONNECT"}) {
            AdmissionReviews.Answer answer = AdmissionReviews.answer(review(operation), new PodMutation(), () -> {
                throw new AssertionError("the state is not read");
            });
            assertTrue(answer.allowed());
            assertFalse(answer.review().path("response").has("patch"));
            assertEquals("u-1", answer.review().path("response").path("uid").asText());
        }
    }

    @Test
    void aStateThatCannotBeReadRefusesTheObjectWithItsMessage() throws Exception {
        AdmissionReviews.Answer answer = AdmissionReviews.answer(review("CREATE"), new PodMutation(), () -> {
            throw new AgentException("the state file /etc/jackal-state/state does not exist");
        });
        assertFalse(answer.allowed());
        assertEquals(
                "the state file /etc/jackal-state/state does not exist",
                answer.review().path("response").path("status").path("message").asText());
    }

    @Test
    void aBugRefusesTheObjectNamingItWithoutAStackTrace() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Mutation broken = (request, state, patch) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("internal detail");
        };
        AdmissionReviews.Answer answer = AdmissionReviews.answer(review("UPDATE"), broken, AdmissionReviewsTest::state);
        assertEquals(1, calls.get());
        assertFalse(answer.allowed());
        String message =
                answer.review().path("response").path("status").path("message").asText();
        assertEquals("the jackal agent failed on n/p: IllegalStateException", message);
    }

    @Test
    void theAnswerHasTheRequestsApiVersion() throws Exception {
        ObjectNode v1beta1 = review("CREATE").put("apiVersion", "admission.k8s.io/v1beta1");
        JsonNode answer = AdmissionReviews.answer(v1beta1, new PodMutation(), AdmissionReviewsTest::state)
                .review();
        assertEquals("admission.k8s.io/v1beta1", answer.path("apiVersion").asText());
        assertEquals("AdmissionReview", answer.path("kind").asText());
    }

    @Test
    void aBodyThatIsNotAnAdmissionReviewIsRefused() throws Exception {
        AgentException e = assertThrows(
                AgentException.class,
                () -> AdmissionReviews.answer(
                        JSON.readTree("{\"kind\":\"Pod\"}"), new PodMutation(), AdmissionReviewsTest::state));
        assertEquals("the body is not an AdmissionReview request with request.uid", e.getMessage());
    }

    @Test
    void theStateIgnoresUnknownFieldsAndNeverQuotesTheDocument() {
        AgentState state = AgentState.parse(
                """
                {"registryInfo":{"address":"10.0.0.5:5000","pushPassword":"p","newField":1},"future":{}}"""
                        .getBytes(StandardCharsets.UTF_8),
                "state");
        assertEquals("10.0.0.5:5000", state.registry().address());
        assertEquals("10.0.0.5:5000", state.registry().addressFromPods(), "an external registry is used as it is");
        AgentException bad = assertThrows(
                AgentException.class,
                () -> AgentState.parse(
                        "{\"gitServer\":{\"pullPassword\":\"hunter2\"".getBytes(StandardCharsets.UTF_8), "/s"));
        assertFalse(bad.getMessage().contains("hunter2"), bad.getMessage());
        AgentException empty =
                assertThrows(AgentException.class, () -> AgentState.parse("{}".getBytes(StandardCharsets.UTF_8), "/s"));
        assertEquals("/s has no registryInfo.address; run jackal init to write the state", empty.getMessage());
    }

    @Test
    void theGitPasswordIsNotInTheStatesText() {
        AgentState state = new AgentState(
                new AgentState.Registry("127.0.0.1:31999", true),
                new AgentState.GitServer("http://git", "push", "pull", "hunter2"));
        assertFalse(state.toString().contains("hunter2"), state.toString());
        assertEquals(
                "jackal-docker-registry.jackal.svc.cluster.local:5000",
                state.registry().addressFromPods());
    }

    private static AgentState state() {
        return new AgentState(
                new AgentState.Registry("127.0.0.1:31999", true),
                new AgentState.GitServer("http://git.example:3000", "jackal-git-user", "jackal-git-read-user", "pw"));
    }
}
