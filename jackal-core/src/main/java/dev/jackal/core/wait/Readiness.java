package dev.jackal.core.wait;

import java.util.List;
import java.util.Map;

/**
 * Whether an object is ready, by kstatus-like rules (spec §1.5 {@code healthChecks}), from the object alone:
 *
 * <ul>
 *   <li>every object: not being deleted, and {@code status.observedGeneration} (when set) is the current
 *       {@code metadata.generation};
 *   <li>Deployment: updated, available and ready replicas all reach {@code spec.replicas} (default 1) and no old
 *       replica is left; failed once its {@code Progressing} condition says {@code ProgressDeadlineExceeded};
 *   <li>StatefulSet: replicas created and ready and the update revision rolled out (partitions and
 *       {@code OnDelete} respected); DaemonSet: scheduled, updated, available and ready on every desired node;
 *       ReplicaSet: available and ready replicas reach {@code spec.replicas};
 *   <li>Pod: {@code Ready} condition {@code True}, or phase {@code Succeeded}; failed in phase {@code Failed};
 *   <li>Job: {@code Complete} condition; failed on {@code Failed}. PersistentVolumeClaim: phase {@code Bound}.
 *       Service: exists (a load balancer's ingress is not awaited). CustomResourceDefinition: {@code Established};
 *   <li>anything else: failed when {@code Stalled} is {@code True}, not ready while {@code Reconciling} is
 *       {@code True}, and when it has a {@code Ready} condition that must be {@code True}; otherwise existing is
 *       enough.
 * </ul>
 */
public final class Readiness {

    /** Where an object stands; {@link #FAILED} will not get better without help. */
    public enum State {
        READY,
        IN_PROGRESS,
        FAILED
    }

    /** A state and, unless ready, why. */
    public record Status(State state, String message) {

        static final Status READY = new Status(State.READY, "ready");

        static Status inProgress(String message) {
            return new Status(State.IN_PROGRESS, message);
        }

        static Status failed(String message) {
            return new Status(State.FAILED, message);
        }

        public boolean ready() {
            return state == State.READY;
        }
    }

    private Readiness() {}

    /** The readiness of {@code object}, a whole object as JSON maps and lists (with apiVersion and kind). */
    public static Status of(Map<String, Object> object) {
        if (path(object, "metadata", "deletionTimestamp") != null) {
            return Status.inProgress("it is being deleted");
        }
        Long generation = number(object, "metadata", "generation");
        Long observed = number(object, "status", "observedGeneration");
        if (generation != null && observed != null && observed < generation) {
            return Status.inProgress(
                    "its controller has not yet seen generation " + generation + " (it saw " + observed + ")");
        }
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String kind = String.valueOf(object.get("kind"));
        return switch (group + "/" + kind) {
            case "apps/Deployment" -> deployment(object);
            case "apps/StatefulSet" -> statefulSet(object);
            case "apps/DaemonSet" -> daemonSet(object);
            case "apps/ReplicaSet" -> replicaSet(object);
            case "/Pod" -> pod(object);
            case "batch/Job" -> job(object);
            case "/PersistentVolumeClaim" ->
                "Bound".equals(path(object, "status", "phase"))
                        ? Status.READY
                        : Status.inProgress("phase is " + orNone(path(object, "status", "phase")) + ", not Bound");
            case "/Service" -> Status.READY;
            case "apiextensions.k8s.io/CustomResourceDefinition" -> crd(object);
            default -> generic(object);
        };
    }

    private static Status deployment(Map<String, Object> d) {
        Map<?, ?> progressing = condition(d, "Progressing");
        if (progressing != null && "ProgressDeadlineExceeded".equals(progressing.get("reason"))) {
            return Status.failed("its rollout exceeded its progress deadline");
        }
        long desired = orDefault(number(d, "spec", "replicas"), 1);
        long updated = orDefault(number(d, "status", "updatedReplicas"), 0);
        long total = orDefault(number(d, "status", "replicas"), 0);
        long available = orDefault(number(d, "status", "availableReplicas"), 0);
        long ready = orDefault(number(d, "status", "readyReplicas"), 0);
        if (updated < desired) {
            return Status.inProgress(updated + " of " + desired + " replicas updated");
        }
        if (total > updated) {
            return Status.inProgress((total - updated) + " old replicas are pending termination");
        }
        if (available < desired) {
            return Status.inProgress(available + " of " + desired + " replicas available");
        }
        if (ready < desired) {
            return Status.inProgress(ready + " of " + desired + " replicas ready");
        }
        return Status.READY;
    }

    private static Status statefulSet(Map<String, Object> s) {
        if ("OnDelete".equals(path(s, "spec", "updateStrategy", "type"))) {
            return Status.READY;
        }
        long desired = orDefault(number(s, "spec", "replicas"), 1);
        long partition = orDefault(number(s, "spec", "updateStrategy", "rollingUpdate", "partition"), 0);
        long total = orDefault(number(s, "status", "replicas"), 0);
        long ready = orDefault(number(s, "status", "readyReplicas"), 0);
        long updated = orDefault(number(s, "status", "updatedReplicas"), 0);
        if (total < desired) {
            return Status.inProgress(total + " of " + desired + " replicas created");
        }
        if (ready < desired) {
            return Status.inProgress(ready + " of " + desired + " replicas ready");
        }
        if (partition > 0) {
            long expected = Math.max(0, desired - partition);
            return updated < expected
                    ? Status.inProgress(updated + " of " + expected + " replicas updated (partition " + partition + ")")
                    : Status.READY;
        }
        Object current = path(s, "status", "currentRevision");
        Object update = path(s, "status", "updateRevision");
        if (update != null && !update.equals(current)) {
            return Status.inProgress("revision " + update + " is still rolling out");
        }
        return Status.READY;
    }

    private static Status daemonSet(Map<String, Object> d) {
        Long desired = number(d, "status", "desiredNumberScheduled");
        if (desired == null) {
            return Status.inProgress("its pods have not been scheduled yet");
        }
        String[][] counts = {
            {"currentNumberScheduled", "scheduled"},
            {"updatedNumberScheduled", "updated"},
            {"numberAvailable", "available"},
            {"numberReady", "ready"}
        };
        for (String[] count : counts) {
            long value = orDefault(number(d, "status", count[0]), 0);
            if (value < desired) {
                return Status.inProgress(value + " of " + desired + " pods " + count[1]);
            }
        }
        return Status.READY;
    }

    private static Status replicaSet(Map<String, Object> r) {
        if (isTrue(condition(r, "ReplicaFailure"))) {
            return Status.inProgress("it cannot create replicas: "
                    + orNone(condition(r, "ReplicaFailure").get("message")));
        }
        long desired = orDefault(number(r, "spec", "replicas"), 1);
        long available = orDefault(number(r, "status", "availableReplicas"), 0);
        long ready = orDefault(number(r, "status", "readyReplicas"), 0);
        if (available < desired) {
            return Status.inProgress(available + " of " + desired + " replicas available");
        }
        if (ready < desired) {
            return Status.inProgress(ready + " of " + desired + " replicas ready");
        }
        return Status.READY;
    }

    private static Status pod(Map<String, Object> p) {
        Object phase = path(p, "status", "phase");
        if ("Succeeded".equals(phase)) {
            return Status.READY;
        }
        if ("Failed".equals(phase)) {
            return Status.failed("the pod failed" + suffix(path(p, "status", "message")));
        }
        if (isTrue(condition(p, "Ready"))) {
            return Status.READY;
        }
        return Status.inProgress("phase is " + orNone(phase) + " and the pod is not Ready");
    }

    private static Status job(Map<String, Object> j) {
        if (isTrue(condition(j, "Complete"))) {
            return Status.READY;
        }
        Map<?, ?> failed = condition(j, "Failed");
        if (isTrue(failed)) {
            return Status.failed("the job failed" + suffix(failed.get("message")));
        }
        return Status.inProgress("the job is not complete (" + orDefault(number(j, "status", "active"), 0) + " active, "
                + orDefault(number(j, "status", "succeeded"), 0) + " succeeded)");
    }

    private static Status crd(Map<String, Object> c) {
        Map<?, ?> names = condition(c, "NamesAccepted");
        if (names != null && "False".equals(names.get("status"))) {
            return Status.failed("its names were not accepted" + suffix(names.get("message")));
        }
        return isTrue(condition(c, "Established")) ? Status.READY : Status.inProgress("it is not Established yet");
    }

    private static Status generic(Map<String, Object> o) {
        Map<?, ?> stalled = condition(o, "Stalled");
        if (isTrue(stalled)) {
            return Status.failed("it is Stalled" + suffix(stalled.get("message")));
        }
        Map<?, ?> reconciling = condition(o, "Reconciling");
        if (isTrue(reconciling)) {
            return Status.inProgress("it is Reconciling" + suffix(reconciling.get("message")));
        }
        Map<?, ?> ready = condition(o, "Ready");
        if (ready != null && !isTrue(ready)) {
            return Status.inProgress(
                    "condition Ready is " + orNone(ready.get("status")) + suffix(ready.get("message")));
        }
        return Status.READY;
    }

    private static Map<?, ?> condition(Map<String, Object> object, String type) {
        Object conditions = path(object, "status", "conditions");
        if (conditions instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> condition && type.equals(condition.get("type"))) {
                    return condition;
                }
            }
        }
        return null;
    }

    private static boolean isTrue(Map<?, ?> condition) {
        return condition != null && "True".equals(condition.get("status"));
    }

    /** The value at {@code keys} in nested maps, or null where the path breaks off. */
    static Object path(Map<String, Object> object, String... keys) {
        Object node = object;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    private static Long number(Map<String, Object> object, String... keys) {
        return path(object, keys) instanceof Number n ? n.longValue() : null;
    }

    private static long orDefault(Long value, long fallback) {
        return value == null ? fallback : value;
    }

    private static String orNone(Object value) {
        return value == null ? "not set" : value.toString();
    }

    private static String suffix(Object message) {
        return message == null || message.toString().isBlank() ? "" : ": " + message;
    }
}
