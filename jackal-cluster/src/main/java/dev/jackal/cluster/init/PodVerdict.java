package dev.jackal.cluster.init;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Set;

/**
 * How the injector pod stands, read from its status: still starting, Ready, failed because of the candidate image
 * or node (the next candidate may work), or failed because of the payload (no candidate will).
 */
record PodVerdict(Kind kind, String reason) {

    enum Kind {
        STARTING,
        READY,
        CANDIDATE_FAILED,
        PAYLOAD_FAILED
    }

    /** Waiting reasons that will not go away by waiting for this image on this node. */
    private static final Set<String> HOPELESS = Set.of(
            "ErrImagePull",
            "ImagePullBackOff",
            "ErrImageNeverPull",
            "InvalidImageName",
            "CreateContainerConfigError",
            "CreateContainerError",
            "RunContainerError");

    /** Termination reasons of a container that never ran the injector. */
    private static final Set<String> NOT_STARTED = Set.of("StartError", "ContainerCannotRun");

    static PodVerdict of(Pod pod) {
        if (pod == null || pod.getStatus() == null) {
            return new PodVerdict(Kind.STARTING, "the pod has no status yet");
        }
        List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
        ContainerStatus status = statuses == null || statuses.isEmpty() ? null : statuses.get(0);
        if (status != null && status.getState() != null) {
            ContainerStateTerminated terminated = status.getState().getTerminated();
            if (terminated != null) {
                String how = "exited with code " + terminated.getExitCode()
                        + (terminated.getReason() == null ? "" : " (" + terminated.getReason() + ")");
                return NOT_STARTED.contains(terminated.getReason())
                        ? new PodVerdict(Kind.CANDIDATE_FAILED, "the container could not start: " + how)
                        : new PodVerdict(Kind.PAYLOAD_FAILED, how);
            }
            ContainerStateWaiting waiting = status.getState().getWaiting();
            if (waiting != null && HOPELESS.contains(waiting.getReason())) {
                return new PodVerdict(
                        Kind.CANDIDATE_FAILED,
                        waiting.getReason() + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage()));
            }
        }
        if ("Failed".equals(pod.getStatus().getPhase())) {
            return new PodVerdict(
                    Kind.CANDIDATE_FAILED, "the pod failed: " + pod.getStatus().getReason());
        }
        boolean ready = pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return ready ? new PodVerdict(Kind.READY, "Ready") : new PodVerdict(Kind.STARTING, "not Ready yet");
    }
}
