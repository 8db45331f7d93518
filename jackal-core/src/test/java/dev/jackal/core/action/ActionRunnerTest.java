package dev.jackal.core.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.event.JackalEvent;
import dev.jackal.core.event.LogEvent;
import dev.jackal.core.model.Action;
import dev.jackal.core.model.ActionDefaults;
import dev.jackal.core.model.SetVariable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionRunnerTest {

    @TempDir
    Path dir;

    private final List<JackalEvent> events = new CopyOnWriteArrayList<>();

    private ActionRunner runner(Map<String, String> vars, Redactor redactor) {
        return new ActionRunner(events::add, dir, vars, redactor, "java -jar /opt/jackal.jar ");
    }

    private static Action cmd(
            String cmd, Boolean mute, Integer seconds, Integer retries, String workDir, List<String> env) {
        return new Action(mute, seconds, retries, workDir, env, cmd, null, null, null, null, null);
    }

    private List<String> messages(LogEvent.Level level) {
        return events.stream()
                .filter(e -> e instanceof LogEvent l && l.level() == level)
                .map(e -> ((LogEvent) e).message())
                .toList();
    }

    @Test
    void returnsTrimmedStdoutAndSeesVariablesEnvAndDir() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        String out = runner(Map.of("JACKAL_VAR_DOMAIN", "example.test"), Redactor.none())
                .run(
                        cmd(
                                "echo \"$JACKAL_VAR_DOMAIN $TF_VAR_domain $EXTRA $(basename $(pwd))\"",
                                null,
                                null,
                                null,
                                "sub",
                                List.of("EXTRA=from-action")),
                        new ActionDefaults(null, null, null, null, List.of("EXTRA=from-defaults"), null));
        assertEquals("example.test example.test from-action sub", out);
    }

    @Test
    void unmutedOutputIsEchoedMutedOutputIsNeverShown() {
        runner(Map.of(), Redactor.none()).run(cmd("echo loud", false, null, null, null, null), null);
        String out = runner(Map.of(), Redactor.none())
                .run(cmd("echo qu''iet; echo qu''iet-err >&2", true, null, null, null, null), null);
        assertEquals("quiet", out, "muted output is still captured for setVariables");
        assertTrue(messages(LogEvent.Level.INFO).contains("loud"));
        assertTrue(
                events.stream().noneMatch(e -> e.toString().contains("quiet")),
                "muted output is shown at no level, debug included: " + events);
    }

    @Test
    void outputOfAnActionThatSetsASensitiveVariableIsNeverShownEvenUnmuted() {
        Action action = new Action(
                false,
                null,
                null,
                null,
                List.of(),
                "echo s3cr''3t-token; echo s3cr''3t-err >&2",
                null,
                null,
                List.of(new SetVariable("TOKEN", true, null, null, null)),
                null,
                null);
        String out = runner(Map.of(), Redactor.none()).run(action, null);
        assertEquals("s3cr3t-token", out);
        assertTrue(events.stream().noneMatch(e -> e.toString().contains("s3cr3t")), events.toString());
    }

    @Test
    void failureAfterRetriesIsCountedAndEveryAttemptRuns() throws Exception {
        Path counter = dir.resolve("count");
        ActionFailedException e = assertThrows(ActionFailedException.class, () -> runner(Map.of(), Redactor.none())
                .run(cmd("echo x >> " + counter + "; exit 3", true, null, 2, null, null), null));
        assertEquals(
                "command \"echo x >> " + counter + "; exit 3\" failed after 2 retries (exit code 3)", e.getMessage());
        assertEquals(3, Files.readAllLines(counter).size());
    }

    @Test
    void timeoutStopsTheCommand() {
        Instant start = Instant.now();
        ActionFailedException e = assertThrows(ActionFailedException.class, () -> runner(Map.of(), Redactor.none())
                .run(cmd("sleep 30", true, 1, 5, null, null), null));
        assertTrue(e.getMessage().endsWith("timed out after 1 seconds"), e.getMessage());
        assertTrue(Duration.between(start, Instant.now()).toSeconds() < 10, "the deadline is shared by all retries");
    }

    @Test
    void selfCommandIsReplaced() {
        String out =
                runner(Map.of(), Redactor.none()).run(cmd("echo ./jackal tools", true, null, null, null, null), null);
        assertEquals("java -jar /opt/jackal.jar tools", out);
    }

    @Test
    void secretsNeverReachEventsOrErrors() {
        Redactor redactor = Redactor.of(List.of("hunter2"));
        runner(Map.of("JACKAL_VAR_PASSWORD", "hunter2"), redactor)
                .run(
                        cmd(
                                "echo \"pw=$JACKAL_VAR_PASSWORD\"; echo \"err=$JACKAL_VAR_PASSWORD\" >&2",
                                false,
                                null,
                                null,
                                null,
                                null),
                        null);
        ActionFailedException e = assertThrows(ActionFailedException.class, () -> runner(Map.of(), redactor)
                .run(cmd("echo hunter2; exit 1", false, null, null, null, null), null));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(events.stream().noneMatch(ev -> ev.toString().contains("hunter2")), events.toString());
        assertTrue(messages(LogEvent.Level.INFO).contains("pw=" + Redactor.SANITIZED));
        assertTrue(messages(LogEvent.Level.INFO).contains("err=" + Redactor.SANITIZED));
    }
}
