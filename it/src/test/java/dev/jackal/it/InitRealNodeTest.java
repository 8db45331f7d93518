package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.Exec;
import dev.jackal.test.node.RealNodeExtension;
import dev.jackal.test.oci.RunnableImage;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.oci.TestImage;
import dev.jackal.test.registry.OciRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The air-gap loop on a real node (kubelet, containerd, kube-proxy): {@code init} bootstraps the registry through
 * the injector, a package whose pods use images by tag and by digest is deployed with its source registry gone,
 * the agent points the pods at the in-cluster registry and they run; {@code destroy} takes it all back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InitRealNodeTest {

    @RegisterExtension
    static final RealNodeExtension NODE = new RealNodeExtension();

    private static final Path INIT_PACKAGE = Path.of(System.getProperty("jackal.initPackage"));
    private static final Pattern UPLOADED = Pattern.compile("images: \\d+ blob\\(s\\) uploaded \\((\\d+) bytes\\)");

    @TempDir
    static Path work;

    private static Jackal.Result jackal(String... args) throws Exception {
        return Jackal.runWith(
                null, Map.of("KUBECONFIG", NODE.node().kubeconfig().toString()), args);
    }

    private static String kubectl(String... args) {
        Exec.Result result = NODE.node().kubectl(args);
        assertEquals(0, result.exitCode(), String.join(" ", args) + ": " + result.stderr());
        return result.stdout().strip();
    }

    private static String state() {
        return new String(
                Base64.getDecoder()
                        .decode(kubectl(
                                "-n", "jackal", "get", "secret", "jackal-state", "-o", "jsonpath={.data.state}")),
                StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void initBootstrapsTheRegistryAndTheAgent() throws Exception {
        assertTrue(Files.isRegularFile(INIT_PACKAGE), "the init package was not built: " + INIT_PACKAGE);
        List<String> imagesBefore = NODE.node().imagesOnNode();

        Jackal.Result init = jackal(
                "init",
                INIT_PACKAGE.toString(),
                "--confirm",
                "--set",
                "REGISTRY_PVC_ENABLED=false",
                "--set",
                "REGISTRY_HPA_ENABLE=false",
                "--no-progress",
                "--log-level",
                "debug");
        assertEquals(0, init.exitCode(), init.err());

        // the injector ran from an image the node already had, and the seed registry came from it
        Matcher injector =
                Pattern.compile("starting the injector from (\\S+) on node").matcher(init.err());
        assertTrue(injector.find(), init.err());
        assertTrue(imagesBefore.contains(injector.group(1)), injector.group(1) + " not in " + imagesBefore);
        Matcher seed = Pattern.compile("the injector serves the seed images at (127\\.0\\.0\\.1:\\d+)")
                .matcher(init.err());
        assertTrue(seed.find(), init.err());
        assertTrue(
                kubectl("-n", "jackal", "get", "events", "-o", "jsonpath={.items[*].message}")
                        .contains(seed.group(1) + "/library/registry"),
                "the seed registry pulled its image from the injector");

        // the permanent registry runs from itself, the agent is ready
        assertTrue(kubectl(
                        "-n",
                        "jackal",
                        "get",
                        "deploy",
                        "jackal-docker-registry",
                        "-o",
                        "jsonpath={.spec.template.spec.containers[0].image}")
                .startsWith("127.0.0.1:31999/library/registry:"));
        kubectl("-n", "jackal", "wait", "--for=condition=Available", "deploy/jackal-docker-registry", "--timeout=60s");
        kubectl("-n", "jackal", "wait", "--for=condition=Ready", "pod", "-l", "app=agent-hook", "--timeout=60s");

        // every bootstrap object is gone
        assertEquals(
                "",
                kubectl(
                        "-n",
                        "jackal",
                        "get",
                        "pods,configmaps,services",
                        "-l",
                        "jackal-injector=payload",
                        "-o",
                        "name"));
        assertFalse(kubectl("-n", "jackal", "get", "pods,configmaps,services", "-o", "name")
                .matches("(?s).*(pod/injector|configmap/rust-binary|service/jackal-injector)\\b.*"));

        // the state is there and no password reached the output, even at debug level
        String state = state();
        assertTrue(state.contains("\"address\":\"127.0.0.1:31999\""), state);
        for (Matcher password = Pattern.compile("\"(?:pushPassword|pullPassword|secret)\":\"([^\"]+)\"")
                        .matcher(state);
                password.find(); ) {
            assertFalse(init.out().contains(password.group(1)) || init.err().contains(password.group(1)));
        }

        // a second init succeeds and keeps the state
        Jackal.Result again = jackal(
                "init",
                INIT_PACKAGE.toString(),
                "--confirm",
                "--set",
                "REGISTRY_PVC_ENABLED=false",
                "--set",
                "REGISTRY_HPA_ENABLE=false",
                "--no-progress");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(state, state());
    }

    @Test
    @Order(2)
    void aPackageWithImagesRunsFromTheClusterRegistry() throws Exception {
        Path src = Files.createDirectories(work.resolve("app"));
        String byTag;
        String byDigest;
        try (OciRegistry source = OciRegistry.start(OciRegistry.Variant.PLAIN)) {
            Skopeo skopeo = Skopeo.find();
            TestImage tagged = RunnableImage.busybox()
                    .cmd("sh", "-c", "echo tagged-ok; exec sleep 3600")
                    .push(skopeo, source, "app/tagged:1", Files.createDirectories(work.resolve("img1")));
            TestImage pinned = RunnableImage.busybox()
                    .text("/marker", "pinned")
                    .cmd("sh", "-c", "echo \"marker-$(cat /marker)\"; exec sleep 3600")
                    .push(skopeo, source, "app/pinned:1", Files.createDirectories(work.resolve("img2")));
            byTag = source.address() + "/app/tagged:1";
            byDigest = source.address() + "/app/pinned@" + pinned.digest();
            Path chart = Files.createDirectories(src.resolve("chart/templates"));
            Files.writeString(src.resolve("chart/Chart.yaml"), "apiVersion: v2\nname: app\nversion: 0.1.0\n");
            Files.writeString(
                    chart.resolve("pods.yaml"),
                    """
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: tagged}
                    spec:
                      terminationGracePeriodSeconds: 1
                      containers: [{name: c, image: "%s"}]
                    ---
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: pinned}
                    spec:
                      terminationGracePeriodSeconds: 1
                      containers: [{name: c, image: "%s"}]
                    """
                            .formatted(byTag, byDigest));
            Files.writeString(
                    src.resolve("jackal.yaml"),
                    """
                    kind: JackalPackageConfig
                    metadata: {name: app, version: 0.1.0}
                    components:
                      - name: app
                        required: true
                        charts:
                          - name: app
                            version: 0.1.0
                            namespace: app
                            localPath: chart
                        images: ["%s", "%s"]
                    """
                            .formatted(byTag, byDigest));
            Jackal.Result created =
                    jackal("package", "create", src.toString(), "--confirm", "-o", work.toString(), "--no-progress");
            assertEquals(0, created.exitCode(), created.err());
            assertTrue(tagged.digest().startsWith("sha256:"));
        }
        // the source registry is stopped: nothing below can come from outside the package
        Path archive = work.resolve("jackal-package-app-amd64-0.1.0.tar.zst");
        Jackal.Result first = jackal("package", "deploy", archive.toString(), "--confirm", "--no-progress");
        assertEquals(0, first.exitCode(), first.err());
        kubectl("-n", "app", "wait", "--for=condition=Ready", "pod/tagged", "pod/pinned", "--timeout=120s");
        assertTrue(kubectl("-n", "app", "get", "pod", "tagged", "-o", "jsonpath={.spec.containers[0].image}")
                .matches("127\\.0\\.0\\.1:31999/app/tagged:1-jackal-\\d+"));
        assertTrue(kubectl("-n", "app", "get", "pod", "pinned", "-o", "jsonpath={.spec.containers[0].image}")
                .equals(byDigest.replace(byDigest.substring(0, byDigest.indexOf('/')), "127.0.0.1:31999")));
        assertEquals("tagged-ok", logs("tagged"));
        assertEquals("marker-pinned", logs("pinned"));

        // the registry as the tools see it: the catalog with the state's pull user, tags with its push user
        Jackal.Result catalog = jackal("tools", "registry", "catalog", "--no-progress");
        assertEquals(0, catalog.exitCode(), catalog.err());
        List<String> repositories = catalog.out().lines().toList();
        assertTrue(repositories.containsAll(List.of("app/tagged", "app/pinned")), catalog.out());
        Jackal.Result tags = jackal("tools", "registry", "ls", "127.0.0.1:31999/app/tagged", "--no-progress");
        assertEquals(0, tags.exitCode(), tags.err());
        List<String> tagList = tags.out().lines().toList();
        assertTrue(tagList.contains("1"), tags.out());
        assertTrue(tagList.stream().anyMatch(t -> t.matches("1-jackal-\\d+")), tags.out());

        Jackal.Result second = jackal("package", "deploy", archive.toString(), "--confirm", "--no-progress");
        assertEquals(0, second.exitCode(), second.err());
        long firstBytes = uploaded(first.err());
        long secondBytes = uploaded(second.err());
        assertTrue(firstBytes > 1_000_000, "the first deploy pushed the images: " + firstBytes);
        assertTrue(secondBytes * 20 <= firstBytes, "redeploy moved " + secondBytes + " of " + firstBytes + " bytes");
    }

    @Test
    @Order(3)
    void destroyTakesBackWhatInitMade() throws Exception {
        kubectl("delete", "namespace", "app", "--wait=true", "--timeout=120s");
        Jackal.Result destroyed = jackal("destroy", "--confirm", "--no-progress");
        assertEquals(0, destroyed.exitCode(), destroyed.err());
        assertEquals(
                "",
                NODE.node()
                        .kubectl("get", "namespace", "jackal", "-o", "name")
                        .stdout()
                        .strip());
        assertEquals("", kubectl("get", "mutatingwebhookconfigurations", "-o", "name"));
        assertFalse(kubectl("get", "namespaces", "--show-labels").contains("jackal.dev/agent"));
        assertEquals("", kubectl("get", "secrets", "-A", "-l", "app.kubernetes.io/managed-by=jackal", "-o", "name"));
    }

    /** The pod's log once it has one: Ready means started, and the first line may come a moment later. */
    private static String logs(String pod) throws InterruptedException {
        String logs = "";
        for (int i = 0; i < 40 && logs.isEmpty(); i++) {
            logs = kubectl("-n", "app", "logs", pod);
            if (logs.isEmpty()) {
                Thread.sleep(500);
            }
        }
        return logs;
    }

    private static long uploaded(String err) {
        long total = 0;
        Matcher m = UPLOADED.matcher(err);
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }
}
