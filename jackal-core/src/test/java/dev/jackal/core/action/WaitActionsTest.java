package dev.jackal.core.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.event.EventHandler;
import dev.jackal.core.event.JackalEvent;
import dev.jackal.core.event.LogEvent;
import dev.jackal.core.model.Action;
import dev.jackal.core.model.ActionDefaults;
import dev.jackal.core.model.ActionWait;
import dev.jackal.core.model.WaitCluster;
import dev.jackal.core.model.WaitNetwork;
import dev.jackal.core.wait.ClusterTarget;
import dev.jackal.core.wait.ClusterWaiter;
import dev.jackal.core.wait.WaitCondition;
import dev.jackal.core.wait.WaitTimeoutException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wait actions through {@link ActionRunner}: forced settings, templated fields, errors. */
class WaitActionsTest {

    @TempDir
    Path dir;

    /** Records what it is asked to wait for; fails when told to. */
    private static final class RecordingWaiter implements ClusterWaiter {
        final List<ClusterTarget> targets = new ArrayList<>();
        final List<Duration> timeouts = new ArrayList<>();
        boolean timeOut;

        @Override
        public void await(ClusterTarget target, Duration timeout) {
            targets.add(target);
            timeouts.add(timeout);
            if (timeOut) {
                throw new WaitTimeoutException("timed out after 1s waiting for " + target.describe() + " to "
                        + target.condition().describe());
            }
        }
    }

    private static Action waitAction(Integer seconds, String description, WaitCluster cluster, WaitNetwork network) {
        return new Action(
                false,
                seconds,
                5,
                "missing-dir",
                List.of("A=B"),
                null,
                null,
                null,
                null,
                description,
                new ActionWait(cluster, network));
    }

    @Test
    void clusterWaitsAreTemplatedAndTimedOutAt300SecondsByDefault() {
        RecordingWaiter waiter = new RecordingWaiter();
        ActionRunner runner = new ActionRunner(
                EventHandler.NONE,
                dir,
                Map.of("JACKAL_VAR_NS", "team-a", "JACKAL_VAR_N", "wrong", "JACKAL_VAR_KIND", "deploy"),
                Redactor.none(),
                "jackal ",
                waiter);
        ActionDefaults defaults = new ActionDefaults(false, 7, 3, "nowhere", List.of("X=Y"), null);
        String out = runner.run(
                waitAction(
                        null,
                        null,
                        new WaitCluster("${JACKAL_VAR_KIND}", "app=web", "###JACKAL_VAR_NS###", "Ready"),
                        null),
                defaults);
        runner.run(
                waitAction(0, null, new WaitCluster("pod", "x-$JACKAL_VAR_NS", "$JACKAL_VAR_NS", null), null),
                defaults);
        runner.run(waitAction(42, null, new WaitCluster("pod", "x", "", "{.status.phase}=Running"), null), defaults);

        assertEquals("", out);
        assertEquals(
                new ClusterTarget("deploy", "app=web", "team-a", new WaitCondition.Condition("Ready", "True")),
                waiter.targets.get(0));
        assertEquals(new ClusterTarget("pod", "x-team-a", "team-a", new WaitCondition.Exists()), waiter.targets.get(1));
        assertEquals(
                List.of(Duration.ofSeconds(300), Duration.ofSeconds(300), Duration.ofSeconds(42)), waiter.timeouts);
    }

    @Test
    void aFailedWaitIsAnActionFailureNamingTheObjectAndHidingSecrets() {
        RecordingWaiter waiter = new RecordingWaiter();
        waiter.timeOut = true;
        ActionRunner runner = new ActionRunner(
                EventHandler.NONE,
                dir,
                Map.of("JACKAL_VAR_NS", "s3cret"),
                Redactor.of(List.of("s3cret")),
                "jackal ",
                waiter);
        ActionFailedException e = assertThrows(
                ActionFailedException.class,
                () -> runner.run(
                        waitAction(1, null, new WaitCluster("pod", "app", "$JACKAL_VAR_NS", "Ready"), null), null));
        assertEquals("timed out after 1s waiting for pod/app in namespace **sanitized** to be Ready", e.getMessage());

        e = assertThrows(
                ActionFailedException.class,
                () -> runner.run(
                        waitAction(1, "app comes up", new WaitCluster("pod", "app", "", "Ready"), null), null));
        assertEquals("\"app comes up\" failed: timed out after 1s waiting for pod/app to be Ready", e.getMessage());
        assertEquals("app comes up", e.command());
    }

    @Test
    void networkWaitsRunHereWithoutACluster() throws IOException {
        ActionRunner runner = new ActionRunner(
                EventHandler.NONE, dir, Map.of("JACKAL_VAR_HOST", "127.0.0.1"), Redactor.none(), "jackal ");
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            runner.run(
                    waitAction(
                            5, null, null, new WaitNetwork("TCP", "${JACKAL_VAR_HOST}:" + socket.getLocalPort(), null)),
                    null);
        }
        ActionFailedException e = assertThrows(
                ActionFailedException.class,
                () -> runner.run(waitAction(5, null, new WaitCluster("pod", "x", "", ""), null), null));
        assertTrue(e.getMessage().contains("there is no cluster here"), e.getMessage());
    }

    @Test
    void waitProgressNeverShowsSecrets() throws IOException {
        List<JackalEvent> events = new CopyOnWriteArrayList<>();
        ActionRunner runner = new ActionRunner(
                events::add, dir, Map.of("JACKAL_VAR_HOST", "127.0.0.1"), Redactor.of(List.of("127.0.0.1")), "jackal ");
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            runner.run(
                    waitAction(
                            5, null, null, new WaitNetwork("tcp", "$JACKAL_VAR_HOST:" + socket.getLocalPort(), null)),
                    null);
        }
        List<String> messages = events.stream()
                .filter(e -> e instanceof LogEvent)
                .map(e -> ((LogEvent) e).message())
                .toList();
        assertTrue(messages.stream().anyMatch(m -> m.contains("waiting for tcp **sanitized**:")), messages.toString());
        assertTrue(messages.stream().noneMatch(m -> m.contains("127.0.0.1")), messages.toString());
    }
}
