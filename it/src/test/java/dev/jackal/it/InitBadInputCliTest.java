package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.Ports;
import dev.jackal.test.kube.KubernetesControlPlane;
import dev.jackal.test.kube.KubernetesExtension;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jackal init} with input it cannot use, through the shaded jar against the real control plane: each case is
 * one {@code ERROR:} line and the cluster is left as it was (no state secret, no namespace).
 */
class InitBadInputCliTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    @TempDir
    static Path work;

    private static Path initPackage;

    /** An init package for s390x: the control plane's only node is amd64, so no node can run the injector. */
    @BeforeAll
    static void createInitPackage() throws Exception {
        Path src = Files.createDirectories(work.resolve("init-src"));
        Files.writeString(
                src.resolve("jackal.yaml"),
                """
                kind: JackalInitConfig
                metadata:
                  name: init
                  version: 0.0.1
                  architecture: s390x
                components:
                  - name: jackal-injector
                    required: true
                    files:
                      - source: injector
                        target: "###JACKAL_TEMP###/jackal-injector"
                        executable: true
                  - name: jackal-seed-registry
                    required: true
                    manifests:
                      - name: seed
                        namespace: jackal
                        files:
                          - seed.yaml
                """);
        Files.writeString(src.resolve("injector"), "#!/bin/sh\n");
        Files.writeString(
                src.resolve("seed.yaml"),
                """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: seed
                data:
                  a: b
                """);
        Jackal.Result created =
                Jackal.run("package", "create", src.toString(), "--confirm", "-o", work.toString(), "--no-progress");
        assertEquals(0, created.exitCode(), created.err());
        initPackage = Path.of(created.out().strip());
    }

    private static final List<String> WATCHED =
            List.of("/api/v1/namespaces/jackal/secrets/jackal-state", "/api/v1/namespaces/jackal");
    private static final Pattern RESOURCE_VERSION = Pattern.compile("\"resourceVersion\":\"(\\d+)\"");
    private static Map<String, String> before;

    /** The control plane is shared with other test classes: compare with how this class found it. */
    @BeforeAll
    static void snapshotBefore() throws Exception {
        assertEquals(
                404, status(WATCHED.get(0)), "a jackal state is there already: these cases need a cluster without");
        before = snapshot();
    }

    @AfterAll
    static void clusterUnchanged() throws Exception {
        // every case must leave the cluster as it found it: no state written, the namespace neither made nor touched
        assertEquals(before, snapshot());
    }

    /** For each watched object: absent, or its resourceVersion. */
    private static Map<String, String> snapshot() throws Exception {
        Map<String, String> versions = new TreeMap<>();
        for (String path : WATCHED) {
            HttpResponse<String> response = get(path);
            Matcher version = RESOURCE_VERSION.matcher(response.body());
            versions.put(
                    path,
                    response.statusCode() == 404 ? "absent" : version.find() ? version.group(1) : response.body());
        }
        return versions;
    }

    private static int status(String path) throws Exception {
        return get(path).statusCode();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        KubernetesControlPlane plane = KUBE.controlPlane();
        return plane.httpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(plane.apiServerUrl() + path))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static String oneErrorLine(Jackal.Result result) {
        assertEquals(1, result.exitCode(), result.err());
        // progress lines may come first; the failure itself is one ERROR line with no stack trace
        java.util.List<String> errors =
                result.err().lines().filter(l -> l.contains("ERROR")).toList();
        assertEquals(1, errors.size(), result.err());
        assertTrue(errors.get(0).startsWith("ERROR: "), errors.get(0));
        assertFalse(result.err().contains("\tat "), result.err());
        return errors.get(0);
    }

    @Test
    void noNodeThatCanRunTheInjectorIsOneLineBeforeAnythingIsWritten() throws Exception {
        Jackal.Result init = Jackal.runWith(
                null,
                Map.of("KUBECONFIG", KUBE.controlPlane().kubeconfig().toString()),
                "init",
                initPackage.toString(),
                "--confirm",
                "--no-progress");
        String line = oneErrorLine(init);
        assertTrue(line.startsWith("ERROR: no node can run the injector: "), line);
        assertTrue(line.contains("s390x"), line);
    }

    @Test
    void anUnreachableClusterIsOneLine() throws Exception {
        int closed = Ports.free();
        Path kubeconfig = work.resolve("nowhere.kubeconfig");
        Files.writeString(
                kubeconfig,
                """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: nowhere
                    cluster:
                      server: https://127.0.0.1:%d
                      insecure-skip-tls-verify: true
                contexts:
                  - name: nowhere
                    context:
                      cluster: nowhere
                      user: nobody
                users:
                  - name: nobody
                    user:
                      token: not-a-token
                current-context: nowhere
                """
                        .formatted(closed));
        long started = System.nanoTime();
        Jackal.Result init = Jackal.runWith(
                null,
                Map.of("KUBECONFIG", kubeconfig.toString()),
                "init",
                initPackage.toString(),
                "--confirm",
                "--no-progress");
        String line = oneErrorLine(init);
        assertTrue(line.contains("127.0.0.1:" + closed), line);
        assertTrue(
                System.nanoTime() - started < java.time.Duration.ofSeconds(60).toNanos(),
                "an unreachable cluster took over a minute to report");
    }
}
