package dev.jackal.test.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM killed with its node running (SIGKILL: no shutdown hook runs) leaves containerd, kubelet, kube-proxy,
 * the control plane, pod bridges, iptables chains and cgroups behind; the next start undoes all of it first.
 */
class RealNodeCrashRecoveryTest {

    @Test
    void theNextStartCleansUpAfterAKilledJvm() throws Exception {
        HostSnapshot before = HostSnapshot.take();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Djackal.test.servicesDir="
                                + System.getProperty("jackal.test.servicesDir", "target/test-services"),
                        AbandonedNodeMain.class.getName())
                .redirectErrorStream(true)
                .start();
        try {
            killedJvmIsCleanedUp(child, before);
        } finally {
            child.destroyForcibly().waitFor();
            RealNode.cleanUpLeftovers();
        }
    }

    private static void killedJvmIsCleanedUp(Process child, HostSnapshot before) throws Exception {
        String ready = CompletableFuture.supplyAsync(() -> readyLine(child)).get(300, TimeUnit.SECONDS);
        assertTrue(ready.startsWith("READY "), ready);
        Path abandonedRuntime = Path.of(ready.substring("READY ".length()).strip());
        List<RunRecord.Started> abandoned = RunRecord.load(RealNode.STATE_ROOT.resolve("run.properties"))
                .orElseThrow()
                .processesNewestFirst();
        assertTrue(abandoned.size() >= 8, abandoned.toString());
        child.destroyForcibly().waitFor();
        assertTrue(abandoned.stream().allMatch(p -> HostRestore.running(p.pid())), "the node outlives its JVM");
        assertTrue(HostRestore.tracesPresent());

        Instant start = Instant.now();
        try (RealNode node = RealNode.start()) {
            System.out.println("start after a killed run (cleanup included): " + Duration.between(start, Instant.now())
                    + " " + node.startTimings());
            assertEquals(
                    List.of(),
                    abandoned.stream().filter(p -> HostRestore.running(p.pid())).toList());
            assertFalse(Files.exists(abandonedRuntime), abandonedRuntime + " is left");
            assertEquals(
                    "True",
                    node.kubectl(
                                    "get",
                                    "node",
                                    node.nodeName(),
                                    "-o",
                                    "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")
                            .requireSuccess()
                            .stdout());
        }
        HostSnapshot after = HostSnapshot.take();
        assertEquals(before.sysctls, after.sysctls);
        assertEquals(before.links, after.links);
        assertEquals(before.chains, after.chains);
        assertEquals(before.kubepods, after.kubepods);
        assertEquals(before.hostDirs, after.hostDirs);
    }

    private static String readyLine(Process child) {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder seen = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("READY ")) {
                    return line;
                }
                seen.append(line).append('\n');
            }
            return "the child JVM ended without starting its node:\n" + seen;
        } catch (java.io.IOException e) {
            return "cannot read the child JVM: " + e;
        }
    }
}
