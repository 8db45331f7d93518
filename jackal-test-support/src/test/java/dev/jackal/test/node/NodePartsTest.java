package dev.jackal.test.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.TestServiceException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's small pure parts, without a node. */
class NodePartsTest {

    @TempDir
    Path dir;

    @Test
    void missingProgramsFailWithOneLineNamingThemAndTheSetupCommand() {
        TestServiceException e = assertThrows(
                TestServiceException.class,
                () -> NodeTools.find(
                        program -> program.equals("containerd") || program.equals("nft")
                                ? Optional.empty()
                                : Optional.of(Path.of("/usr/bin", program)),
                        dir.resolve("empty-cache"),
                        dir));
        String message = e.getMessage();
        assertFalse(message.contains("\n"), message);
        for (String named : List.of(
                "containerd (containerd)",
                "nft (nftables)",
                "kubelet",
                "kube-proxy",
                "kubectl",
                "/usr/lib/cni/bridge (containernetworking-plugins)",
                "libc6-dev",
                "busybox-static",
                "run jackal-test-support/setup/setup-test-env.sh")) {
            assertTrue(message.contains(named), named + " in: " + message);
        }
        assertFalse(message.contains("runc"), message);
    }

    @Test
    void importedNamesAreTheOnesTheCriLooksUp() {
        assertEquals("docker.io/library/busybox:1", ImageImport.normalize("busybox:1"));
        assertEquals("docker.io/jackal/app:latest", ImageImport.normalize("jackal/app"));
        assertEquals("localhost/app:2", ImageImport.normalize("localhost/app:2"));
        assertEquals("127.0.0.1:31999/a/b@sha256:00", ImageImport.normalize("127.0.0.1:31999/a/b@sha256:00"));
        assertEquals("ghcr.io/x/y:1", ImageImport.normalize("ghcr.io/x/y:1"));
    }

    @Test
    void iptablesSaveRulesSplitWithQuotedCommentsKept() {
        assertEquals(
                List.of(
                        "OUTPUT",
                        "!",
                        "-s",
                        "127.0.0.0/8",
                        "-m",
                        "comment",
                        "--comment",
                        "block incoming localnet connections",
                        "-j",
                        "DROP"),
                Netfilter.words(
                        "OUTPUT ! -s 127.0.0.0/8 -m comment --comment \"block incoming localnet connections\" -j DROP"));
    }

    @Test
    void onlyATableOfEmptyAcceptingBaseChainsIsEmpty() {
        String base = "{\"nftables\":[{\"metainfo\":{}},{\"table\":{\"family\":\"ip\",\"name\":\"filter\"}},"
                + "{\"chain\":{\"name\":\"INPUT\",\"hook\":\"input\",\"policy\":\"accept\"}}";
        assertTrue(Netfilter.emptyTable(base + "]}"));
        assertFalse(Netfilter.emptyTable(base + ",{\"rule\":{\"chain\":\"INPUT\"}}]}"));
        assertFalse(Netfilter.emptyTable(base + ",{\"chain\":{\"name\":\"KUBE-FIREWALL\"}}]}"));
        assertFalse(Netfilter.emptyTable(base.replace("\"accept\"", "\"drop\"") + "]}"));
    }

    @Test
    void theRunRecordSurvivesTheJvmAndKnowsItsOwnProcesses() {
        Path file = dir.resolve("run.properties");
        RunRecord record = RunRecord.create(
                file, dir.resolve("runtime"), Map.of("kernel.panic", "1"), List.of("/var/lib/cni"), List.of("ip nat"));
        record.started("me", ProcessHandle.current());
        RunRecord loaded = RunRecord.load(file).orElseThrow();
        assertEquals(dir.resolve("runtime"), loaded.runtimeDir());
        assertEquals(Map.of("kernel.panic", "1"), loaded.sysctls());
        assertEquals(List.of("/var/lib/cni"), loaded.absentPaths());
        assertEquals(List.of("ip nat"), loaded.tables());
        RunRecord.Started me = loaded.processesNewestFirst().get(0);
        assertEquals(ProcessHandle.current().pid(), me.pid());
        assertTrue(me.ifStillOurs().isPresent());
        RunRecord.Started reused = new RunRecord.Started("me", me.pid(), me.startMillis() - 1000);
        assertTrue(reused.ifStillOurs().isEmpty(), "a PID with another start time is someone else's");
        loaded.delete();
        assertTrue(RunRecord.load(file).isEmpty());
    }
}
