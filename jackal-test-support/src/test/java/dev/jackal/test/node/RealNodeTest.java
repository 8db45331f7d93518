package dev.jackal.test.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.Exec;
import dev.jackal.test.oci.RunnableImage;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.oci.TestImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real containers on a real kubelet: pods from the loopback registry by tag and by digest, an imported image, a
 * NodePort service from the host, no pulls from outside loopback; and, last, the host as it was after close.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNodeTest {

    @RegisterExtension
    @Order(1)
    static final HostSnapshot BEFORE = new HostSnapshot();

    @RegisterExtension
    @Order(2)
    static final RealNodeExtension NODE = new RealNodeExtension();

    private static final String MARKER = "marker-" + UUID.randomUUID();

    @TempDir
    static Path work;

    private static RealNode node() {
        return NODE.node();
    }

    @Test
    @Order(1)
    void nodeIsReadyWithTheBuiltKubeletAndOnlyTheSandboxImage() {
        System.out.println("real node start timings: " + node().startTimings());
        String ready = kubectl(
                "get",
                "node",
                RealNode.NODE_NAME,
                "-o",
                "jsonpath={.status.conditions[?(@.type==\"Ready\")].status} {.status.nodeInfo.kubeletVersion}"
                        + " {.status.nodeInfo.containerRuntimeVersion}"
                        + " {.status.addresses[?(@.type==\"InternalIP\")].address}");
        assertEquals("True v1.34.4 containerd://1.6.20 " + node().nodeIp(), ready.replaceAll("~\\S*", ""));
        assertTrue(
                node().imagesOnNode().contains(RealNode.SANDBOX_IMAGE),
                node().imagesOnNode().toString());
    }

    @Test
    @Order(1)
    void theNodesDaemonsRunInSessionsOfTheirOwn() throws IOException {
        List<RunRecord.Started> daemons = node().startedProcesses().stream()
                .filter(p -> List.of("containerd", "kubelet", "kube-proxy").contains(p.name()))
                .toList();
        assertEquals(3, daemons.size(), daemons.toString());
        for (RunRecord.Started daemon : daemons) {
            String stat = Files.readString(Path.of("/proc", Long.toString(daemon.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            assertEquals(Long.toString(daemon.pid()), fields[3], daemon.name() + " is not a session leader");
        }
    }

    @Test
    @Order(2)
    void podsFromTheLoopbackRegistryByTagAndByDigestRun() throws IOException {
        TestImage image = RunnableImage.busybox()
                .text("/marker", MARKER + "\n")
                .push(Skopeo.find(), node().registry(), "test/busybox:1", work);
        String repository = node().registry().address() + "/test/busybox";
        apply(pod("by-tag", repository + ":1", "cat /marker; echo by-tag; exec sleep 3600", "IfNotPresent"));
        apply(pod(
                "by-digest",
                repository + "@" + image.digest(),
                "cat /marker; echo by-digest; exec sleep 3600",
                "IfNotPresent"));
        awaitReady("by-tag");
        awaitReady("by-digest");
        assertEquals(MARKER + "\nby-tag", kubectl("logs", "by-tag").strip());
        assertEquals(MARKER + "\nby-digest", kubectl("logs", "by-digest").strip());
        assertTrue(kubectl("get", "pod", "by-digest", "-o", "jsonpath={.status.containerStatuses[0].imageID}")
                .endsWith(image.digest()));
    }

    @Test
    @Order(3)
    void importedImagesRunWithoutAnyRegistry() {
        TestImage image = RunnableImage.busybox()
                .text("/marker", "imported-" + MARKER + "\n")
                .writeLayout(work.resolve("imported"), "1");
        node().importImage(image.layout(), "jackal-test/imported:1");
        assertTrue(
                node().imagesOnNode().contains("docker.io/jackal-test/imported:1"),
                node().imagesOnNode().toString());
        apply(pod("imported", "jackal-test/imported:1", "cat /marker; exec sleep 3600", "Never"));
        awaitReady("imported");
        assertEquals("imported-" + MARKER, kubectl("logs", "imported").strip());

        Path archive = work.resolve("imported.tar");
        Skopeo.find().copy(image.ociReference(), "oci-archive:" + archive + ":1", List.of());
        node().importImage(archive, "127.0.0.1:31999/jackal/from-archive:2");
        assertTrue(
                node().imagesOnNode().contains("127.0.0.1:31999/jackal/from-archive:2"),
                node().imagesOnNode().toString());
    }

    @Test
    @Order(4)
    void nodePortServiceAnswersOnLoopback() throws Exception {
        RunnableImage.busybox().push(Skopeo.find(), node().registry(), "test/web:1", work);
        String image = node().registry().address() + "/test/web:1";
        apply(pod(
                        "web",
                        image,
                        "mkdir -p /www && echo web-" + MARKER + " > /www/index.html && exec httpd -f -p 8080 -h /www",
                        "IfNotPresent")
                .replace("  labels: {}", "  labels: {app: web}"));
        apply(
                """
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  type: NodePort
                  selector: {app: web}
                  ports: [{port: 80, targetPort: 8080}]
                """);
        awaitReady("web");
        String nodePort = kubectl("get", "service", "web", "-o", "jsonpath={.spec.ports[0].nodePort}");
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String body = "";
        Instant deadline = Instant.now().plusSeconds(30);
        while (!body.contains(MARKER) && Instant.now().isBefore(deadline)) {
            try {
                body = http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nodePort + "/"))
                                        .timeout(Duration.ofSeconds(3))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
            } catch (IOException notYet) {
                Thread.sleep(300); // kube-proxy writes its rules at most once a second
            }
        }
        assertEquals("web-" + MARKER, body.strip());
    }

    @Test
    @Order(5)
    void pullsFromAnywhereButLoopbackAreRefusedOnTheNode() throws Exception {
        apply(pod("outside", "registry.example.com/jackal/nothing:1", "true", "IfNotPresent"));
        String events = "";
        Instant deadline = Instant.now().plusSeconds(60);
        while (!events.contains("Failed to pull image") && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            events = kubectl(
                    "get",
                    "events",
                    "--field-selector",
                    "involvedObject.name=outside",
                    "-o",
                    "jsonpath={.items[*].message}");
        }
        assertTrue(events.contains("proxyconnect tcp: dial tcp 127.0.0.1:1"), events);
    }

    @Test
    @Order(6)
    void closeStopsEverythingAndPutsTheHostBack() {
        RealNode node = node();
        Path runtime = node.runtimeDir();
        Path config = node.configDir();
        Instant start = Instant.now();
        node.close();
        System.out.println("real node close with five pods: " + Duration.between(start, Instant.now()));

        HostSnapshot after = HostSnapshot.take();
        assertEquals(BEFORE.sysctls, after.sysctls);
        assertEquals(BEFORE.links, after.links);
        assertFalse(after.links.stream().anyMatch(l -> l.startsWith("rn-")), after.links.toString());
        assertEquals(BEFORE.chains, after.chains);
        assertFalse(after.chains.stream().anyMatch(c -> c.endsWith(":KUBE-FIREWALL")), after.chains.toString());
        assertEquals(List.of(), after.kubepods);
        assertEquals(BEFORE.hostDirs, after.hostDirs);
        List<String> ours = ProcessHandle.allProcesses()
                .map(p -> HostRestore.commandLine(p.pid()))
                .filter(c -> c.contains(runtime.toString()) || c.contains(config.toString()))
                .toList();
        assertEquals(List.of(), ours);
        assertEquals(List.of(), HostRestore.mountsUnder(runtime));
        assertFalse(Files.exists(runtime), runtime + " is left");
        assertFalse(Files.exists(RealNode.STATE_ROOT.resolve("run.properties")), "the run record is left");
    }

    private static String pod(String name, String image, String script, String pullPolicy) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  labels: {}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: main
                    image: %s
                    imagePullPolicy: %s
                    command: ["sh", "-c", "%s"]
                """
                .formatted(name, image, pullPolicy, script);
    }

    private static void apply(String manifest) {
        try {
            Path file = Files.createTempFile(work, "manifest", ".yaml");
            Files.writeString(file, manifest);
            node().kubectl("apply", "-f", file.toString()).requireSuccess();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitReady(String pod) {
        Exec.Result result = node().kubectl("wait", "--for=condition=Ready", "pod/" + pod, "--timeout=120s");
        if (result.exitCode() != 0) {
            throw new AssertionError(
                    "pod " + pod + " not Ready: " + result.stderr() + "\n" + kubectl("describe", "pod", pod));
        }
    }

    private static String kubectl(String... args) {
        return node().kubectl(args).requireSuccess().stdout();
    }
}
