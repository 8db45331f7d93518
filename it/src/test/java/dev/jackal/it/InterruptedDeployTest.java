package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jackal.test.kube.KubernetesExtension;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -TERM} (what Ctrl-C and a CI cancel send) ends a deploy that is waiting for a chart's pods, within
 * seconds: Helm's native library must not keep the signal from the JVM.
 */
class InterruptedDeployTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    @TempDir
    Path work;

    @Test
    void termDuringAChartWaitEndsTheDeploy() throws Exception {
        Path src = Files.createDirectories(work.resolve("src"));
        Path chart = Files.createDirectories(src.resolve("chart/templates"));
        Files.writeString(src.resolve("chart/Chart.yaml"), "apiVersion: v2\nname: never-ready\nversion: 0.1.0\n");
        // a pod no node can take: Pending for ever, so Helm waits out the whole timeout
        Files.writeString(
                chart.resolve("deployment.yaml"),
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: never-ready
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: never-ready}
                  template:
                    metadata:
                      labels: {app: never-ready}
                    spec:
                      nodeSelector: {jackal.dev/no-such-node: "true"}
                      containers:
                        - name: c
                          image: 127.0.0.1:1/none:1
                """);
        Files.writeString(
                src.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: interrupted
                  version: 0.0.1
                  yolo: true
                components:
                  - name: app
                    required: true
                    charts:
                      - name: never-ready
                        version: 0.1.0
                        namespace: interrupted
                        localPath: chart
                """);
        Jackal.Result created =
                Jackal.run("package", "create", src.toString(), "--confirm", "-o", work.toString(), "--no-progress");
        assertEquals(0, created.exitCode(), created.err());
        Path archive = Path.of(created.out().strip());

        Path err = work.resolve("deploy.err");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        Jackal.JAR.toString(),
                        "package",
                        "deploy",
                        archive.toString(),
                        "--confirm",
                        "--no-progress",
                        "--timeout",
                        "5m")
                .redirectOutput(work.resolve("deploy.out").toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("KUBECONFIG", KUBE.controlPlane().kubeconfig().toString());
        Process deploy = builder.start();
        try {
            // wait until Helm is waiting for the pods: the release exists and the deploy is still running
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!releaseExists() && System.nanoTime() < deadline) {
                assertTrue(deploy.isAlive(), Files.readString(err, StandardCharsets.UTF_8));
                Thread.sleep(200);
            }
            assertTrue(releaseExists(), "the chart install never started: " + Files.readString(err));
            Thread.sleep(2000);
            assertTrue(deploy.isAlive(), "the deploy ended before it was interrupted: " + Files.readString(err));

            long signalled = System.nanoTime();
            deploy.destroy(); // SIGTERM
            boolean ended = deploy.waitFor(20, TimeUnit.SECONDS);
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
            if (!ended) {
                // where it hangs: a thread dump (jstack answers only when SIGQUIT reaches the JVM, itself a clue)
                Process jstack = new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "jstack")
                                        .toString(),
                                String.valueOf(deploy.pid()))
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve("jstack.txt").toFile())
                        .start();
                jstack.waitFor(20, TimeUnit.SECONDS);
                fail("jackal was still running 20 s after SIGTERM: " + Files.readString(err) + "\n"
                        + Files.readString(work.resolve("jstack.txt")));
            }
            assertEquals(128 + 15, deploy.exitValue(), Files.readString(err));
            System.out.println("deploy ended " + took + " ms after SIGTERM with exit code " + deploy.exitValue());
        } finally {
            deploy.destroyForcibly();
        }

        // the interrupted install left its release pending-install: the next deploy (here one that does not wait for
        // the pods, which no node takes) must take the release and the Deployment it created over
        Files.writeString(
                src.resolve("jackal.yaml"),
                Files.readString(src.resolve("jackal.yaml"))
                        .replace("version: 0.0.1", "version: 0.0.2")
                        .replace("        localPath: chart\n", "        localPath: chart\n        noWait: true\n"));
        Jackal.Result fixed =
                Jackal.run("package", "create", src.toString(), "--confirm", "-o", work.toString(), "--no-progress");
        assertEquals(0, fixed.exitCode(), fixed.err());
        Jackal.Result redeployed = Jackal.runWith(
                null,
                java.util.Map.of("KUBECONFIG", KUBE.controlPlane().kubeconfig().toString()),
                "package",
                "deploy",
                fixed.out().strip(),
                "--confirm",
                "--no-progress",
                "--timeout",
                "2m");
        assertEquals(0, redeployed.exitCode(), redeployed.err());
        assertTrue(
                redeployed.err().contains("was left pending-install at revision 1"),
                "the takeover is announced: " + redeployed.err());
    }

    /** Whether Helm has written the release's first revision secret. */
    private boolean releaseExists() throws Exception {
        var plane = KUBE.controlPlane();
        var response = plane.httpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(plane.apiServerUrl()
                                        + "/api/v1/namespaces/interrupted/secrets?labelSelector=owner%3Dhelm"))
                                .GET()
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 && response.body().contains("sh.helm.release.v1.never-ready");
    }
}
