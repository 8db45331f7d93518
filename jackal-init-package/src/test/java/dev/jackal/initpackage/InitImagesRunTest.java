package dev.jackal.initpackage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jackal.test.Exec;
import dev.jackal.test.Ports;
import dev.jackal.test.TestTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built images run: each is unpacked by umoci (an independent OCI tool) and its entrypoint started in a chroot
 * of its root file system, so a library missing from the agent image or a module missing from its jlinked runtime
 * fails here rather than on a node.
 */
class InitImagesRunTest {

    @TempDir
    Path work;

    @Test
    void agentImageRunsTheDeployerJarWithItsOwnRuntime() throws Exception {
        Path rootfs = unpack("jackal.dev/jackal/agent:" + System.getProperty("jackal.version"));
        Exec.Result run = Exec.run(inContainer(
                rootfs, "/jackal/jre/bin/java", "-XX:+UseSerialGC", "-jar", "/jackal/jackal-deployer.jar", "version"));
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stdout().contains(System.getProperty("jackal.version")), run.stdout());
        assertTrue(Files.isRegularFile(rootfs.resolve("lib64/ld-linux-x86-64.so.2")));
    }

    @Test
    void agentImageServesHealthzOverTls() throws Exception {
        Path rootfs = unpack("jackal.dev/jackal/agent:" + System.getProperty("jackal.version"));
        Path certs = Files.createDirectories(rootfs.resolve("etc/certs"));
        Exec.run(List.of(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "1",
                        "-subj",
                        "/CN=agent-hook.jackal.svc",
                        "-keyout",
                        certs.resolve("tls.key").toString(),
                        "-out",
                        certs.resolve("tls.crt").toString()))
                .requireSuccess();
        Files.setPosixFilePermissions(
                certs.resolve("tls.key"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Path state = Files.createDirectories(rootfs.resolve("etc/jackal-state")).resolve("state");
        Files.writeString(
                state,
                "{\"registryInfo\":{\"address\":\"127.0.0.1:31999\",\"internalRegistry\":true},"
                        + "\"gitServer\":{\"address\":\"http://git.example:3000\",\"pushUsername\":\"p\","
                        + "\"pullUsername\":\"r\",\"pullPassword\":\"x\"}}");
        int port = Ports.free();
        Process agent = new ProcessBuilder(inContainer(
                        rootfs,
                        "/jackal/jre/bin/java",
                        "-XX:+UseSerialGC",
                        "-jar",
                        "/jackal/jackal-deployer.jar",
                        "internal",
                        "agent",
                        "--bind-address",
                        "127.0.0.1",
                        "--port",
                        String.valueOf(port)))
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("agent.log").toFile())
                .start();
        try {
            String answer = "";
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
            while (!answer.equals("ok") && System.nanoTime() < deadline && agent.isAlive()) {
                Thread.sleep(500);
                // TLS 1.3 with an ECDHE group, as Go clients (the API server) negotiate it
                answer = Exec.run(List.of(
                                "curl",
                                "-sk",
                                "--tlsv1.3",
                                "--curves",
                                "X25519:P-256",
                                "https://127.0.0.1:" + port + "/healthz"))
                        .stdout()
                        .strip();
            }
            assertEquals("ok", answer, Files.readString(work.resolve("agent.log")));
        } finally {
            // unshare --fork ignores SIGTERM while it waits for its child, and the child's parent-death signal does
            // not survive chroot --userspec's change of user: kill the agent itself, then unshare
            List<ProcessHandle> inside = agent.descendants().toList();
            inside.forEach(ProcessHandle::destroyForcibly);
            agent.destroyForcibly();
            assertTrue(agent.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "unshare did not end");
            for (ProcessHandle process : inside) {
                process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void registryImageRunsTheStaticRegistry() throws Exception {
        String tag = System.getProperty("jackal.registryVersion").replaceFirst("^v", "");
        Path rootfs = unpack("jackal.dev/library/registry:" + tag);
        Exec.Result run = Exec.run(inContainer(rootfs, "/bin/registry", "--version"));
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stdout().contains(System.getProperty("jackal.registryVersion")), run.stdout());
        assertTrue(Files.readString(rootfs.resolve("etc/passwd")).contains("nonroot:x:65532:65532"));
        assertTrue(Files.isRegularFile(rootfs.resolve("etc/docker/registry/config.yml")));
    }

    /**
     * {@code command} run as the images' user in a chroot of {@code rootfs} with its own PID namespace and
     * {@code /proc}, as a container runtime would give it (the dynamic loader resolves {@code $ORIGIN} through
     * {@code /proc/self/exe}).
     */
    private static List<String> inContainer(Path rootfs, String... command) throws java.io.IOException {
        Files.createDirectories(rootfs.resolve("proc"));
        List<String> all = new java.util.ArrayList<>(List.of(
                "unshare",
                "--fork",
                "--kill-child",
                "--pid",
                "--mount",
                "--mount-proc=" + rootfs.resolve("proc"),
                "chroot",
                "--userspec=65532:65532",
                rootfs.toString()));
        all.addAll(List.of(command));
        return all;
    }

    private Path unpack(String reference) {
        assumeTrue("root".equals(System.getProperty("user.name")), "chroot needs root");
        Path bundle = work.resolve("bundle");
        Exec.run(List.of(
                        TestTools.onPath("umoci", "umoci").toString(),
                        "unpack",
                        "--image",
                        System.getProperty("jackal.initImages") + ":" + reference,
                        bundle.toString()))
                .requireSuccess();
        return bundle.resolve("rootfs");
    }
}
