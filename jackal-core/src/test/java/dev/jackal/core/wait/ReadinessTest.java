package dev.jackal.core.wait;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jackal.core.wait.Readiness.State;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    private static Map<String, Object> object(
            String apiVersion, String kind, Map<String, Object> spec, Map<String, Object> status) {
        Map<String, Object> object = new HashMap<>();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        object.put("metadata", Map.of("name", "x", "generation", 2));
        object.put("spec", spec);
        object.put("status", status);
        return object;
    }

    private static Map<String, Object> condition(String type, String status) {
        return Map.of("type", type, "status", status);
    }

    @Test
    void deploymentNeedsEveryReplicaUpdatedAvailableAndReadyForTheCurrentGeneration() {
        Map<String, Object> spec = Map.of("replicas", 2);
        Map<String, Object> done = Map.of(
                "observedGeneration",
                2,
                "replicas",
                2,
                "updatedReplicas",
                2,
                "availableReplicas",
                2,
                "readyReplicas",
                2);
        assertEquals(
                State.READY,
                Readiness.of(object("apps/v1", "Deployment", spec, done)).state());
        Map<String, Object> old = new HashMap<>(done);
        old.put("observedGeneration", 1);
        assertEquals(
                "its controller has not yet seen generation 2 (it saw 1)",
                Readiness.of(object("apps/v1", "Deployment", spec, old)).message());
        Map<String, Object> rolling = new HashMap<>(done);
        rolling.put("replicas", 3);
        assertEquals(
                "1 old replicas are pending termination",
                Readiness.of(object("apps/v1", "Deployment", spec, rolling)).message());
        assertEquals(
                "0 of 1 replicas updated",
                Readiness.of(object("apps/v1", "Deployment", Map.of(), Map.of()))
                        .message());
        Map<String, Object> stuck = new HashMap<>(done);
        stuck.put(
                "conditions",
                List.of(Map.of("type", "Progressing", "status", "False", "reason", "ProgressDeadlineExceeded")));
        assertEquals(
                State.FAILED,
                Readiness.of(object("apps/v1", "Deployment", spec, stuck)).state());
    }

    @Test
    void podsJobsClaimsServicesAndOtherKinds() {
        assertEquals(
                State.READY,
                Readiness.of(object(
                                "v1",
                                "Pod",
                                Map.of(),
                                Map.of("phase", "Running", "conditions", List.of(condition("Ready", "True")))))
                        .state());
        assertEquals(
                State.READY,
                Readiness.of(object("v1", "Pod", Map.of(), Map.of("phase", "Succeeded")))
                        .state());
        assertEquals(
                State.FAILED,
                Readiness.of(object("v1", "Pod", Map.of(), Map.of("phase", "Failed")))
                        .state());
        assertEquals(
                "phase is Pending and the pod is not Ready",
                Readiness.of(object("v1", "Pod", Map.of(), Map.of("phase", "Pending")))
                        .message());
        assertEquals(
                State.READY,
                Readiness.of(object(
                                "batch/v1",
                                "Job",
                                Map.of(),
                                Map.of("conditions", List.of(condition("Complete", "True")))))
                        .state());
        assertEquals(
                State.FAILED,
                Readiness.of(object(
                                "batch/v1",
                                "Job",
                                Map.of(),
                                Map.of("conditions", List.of(condition("Failed", "True")))))
                        .state());
        assertEquals(
                "phase is Pending, not Bound",
                Readiness.of(object("v1", "PersistentVolumeClaim", Map.of(), Map.of("phase", "Pending")))
                        .message());
        assertEquals(
                State.READY,
                Readiness.of(object("v1", "Service", Map.of("type", "LoadBalancer"), Map.of()))
                        .state());
        assertEquals(
                State.READY, Readiness.of(object("v1", "ConfigMap", null, null)).state());
        assertEquals(
                "condition Ready is False: waiting",
                Readiness.of(object(
                                "example.dev/v1",
                                "Widget",
                                Map.of(),
                                Map.of(
                                        "conditions",
                                        List.of(Map.of("type", "Ready", "status", "False", "message", "waiting")))))
                        .message());
        assertEquals(
                State.FAILED,
                Readiness.of(object(
                                "example.dev/v1",
                                "Widget",
                                Map.of(),
                                Map.of("conditions", List.of(condition("Stalled", "True")))))
                        .state());
        assertEquals(
                State.READY,
                Readiness.of(object(
                                "example.dev/v1",
                                "Widget",
                                Map.of(),
                                Map.of("conditions", List.of(condition("Synced", "False")))))
                        .state());
    }

    @Test
    void statefulSetsDaemonSetsAndReplicaSets() {
        Map<String, Object> sts = Map.of(
                "replicas",
                2,
                "readyReplicas",
                2,
                "currentRevision",
                "r1",
                "updateRevision",
                "r2",
                "updatedReplicas",
                1);
        assertEquals(
                "revision r2 is still rolling out",
                Readiness.of(object("apps/v1", "StatefulSet", Map.of("replicas", 2), sts))
                        .message());
        Map<String, Object> rolled = new HashMap<>(sts);
        rolled.put("currentRevision", "r2");
        assertEquals(
                State.READY,
                Readiness.of(object("apps/v1", "StatefulSet", Map.of("replicas", 2), rolled))
                        .state());
        assertEquals(
                "its pods have not been scheduled yet",
                Readiness.of(object("apps/v1", "DaemonSet", Map.of(), Map.of())).message());
        assertEquals(
                "1 of 2 pods ready",
                Readiness.of(object(
                                "apps/v1",
                                "DaemonSet",
                                Map.of(),
                                Map.of(
                                        "desiredNumberScheduled", 2,
                                        "currentNumberScheduled", 2,
                                        "updatedNumberScheduled", 2,
                                        "numberAvailable", 2,
                                        "numberReady", 1)))
                        .message());
        assertEquals(
                "1 of 3 replicas available",
                Readiness.of(object("apps/v1", "ReplicaSet", Map.of("replicas", 3), Map.of("availableReplicas", 1)))
                        .message());
    }

    @Test
    void deletedObjectsAreNotReady() {
        Map<String, Object> pod = object("v1", "Service", Map.of(), Map.of());
        pod.put("metadata", Map.of("name", "x", "deletionTimestamp", "2026-01-01T00:00:00Z"));
        assertEquals("it is being deleted", Readiness.of(pod).message());
    }
}
