package dev.jackal.cluster.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

/** How the injector pod's status is read: which failures end the bootstrap and which move to the next candidate. */
class PodVerdictTest {

    private static PodBuilder pod(String phase) {
        return new PodBuilder().withNewStatus().withPhase(phase).endStatus();
    }

    private static Pod withState(String phase, ContainerStateBuilder state) {
        return pod(phase)
                .editStatus()
                .addNewContainerStatus()
                .withName("injector")
                .withState(state.build())
                .endContainerStatus()
                .endStatus()
                .build();
    }

    @Test
    void aContainerThatRanAndExitedFailsThePayload() {
        PodVerdict v = withVerdict(withState(
                "Failed",
                new ContainerStateBuilder()
                        .withNewTerminated()
                        .withExitCode(134)
                        .withReason("Error")
                        .endTerminated()));
        assertEquals(PodVerdict.Kind.PAYLOAD_FAILED, v.kind());
        assertEquals("exited with code 134 (Error)", v.reason());
    }

    @Test
    void aContainerThatCouldNotStartFailsTheCandidate() {
        PodVerdict v = withVerdict(withState(
                "Failed",
                new ContainerStateBuilder()
                        .withNewTerminated()
                        .withExitCode(128)
                        .withReason("StartError")
                        .endTerminated()));
        assertEquals(PodVerdict.Kind.CANDIDATE_FAILED, v.kind());
        assertTrue(v.reason().contains("could not start"), v.reason());
    }

    @Test
    void anImageThatCannotBePulledFailsTheCandidate() {
        PodVerdict v = withVerdict(withState(
                "Pending",
                new ContainerStateBuilder()
                        .withNewWaiting()
                        .withReason("ErrImageNeverPull")
                        .withMessage("image not present")
                        .endWaiting()));
        assertEquals(PodVerdict.Kind.CANDIDATE_FAILED, v.kind());
        assertEquals("ErrImageNeverPull: image not present", v.reason());
    }

    @Test
    void containerCreatingIsStillStartingAndReadyIsReady() {
        assertEquals(
                PodVerdict.Kind.STARTING,
                withVerdict(withState(
                                "Pending",
                                new ContainerStateBuilder()
                                        .withNewWaiting()
                                        .withReason("ContainerCreating")
                                        .endWaiting()))
                        .kind());
        assertEquals(PodVerdict.Kind.STARTING, PodVerdict.of(null).kind());
        Pod ready = pod("Running")
                .editStatus()
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .endStatus()
                .build();
        assertEquals(PodVerdict.Kind.READY, PodVerdict.of(ready).kind());
        assertEquals(
                PodVerdict.Kind.CANDIDATE_FAILED,
                PodVerdict.of(pod("Failed").build()).kind(),
                "evicted or refused");
    }

    private static PodVerdict withVerdict(Pod pod) {
        return PodVerdict.of(pod);
    }
}
