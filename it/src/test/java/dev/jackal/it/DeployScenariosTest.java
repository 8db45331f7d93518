package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.kube.KubernetesExtension;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec §13 items 6 (variables and constants) and 7 (component actions), end to end with the shaded jar on
 * the real control plane.
 */
class DeployScenariosTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    static KubernetesClient client;

    @TempDir
    Path work;

    @BeforeAll
    static void connect() throws Exception {
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(
                        Files.readString(KUBE.controlPlane().kubeconfig())))
                .build();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    private Jackal.Result jackal(String... args) throws Exception {
        return Jackal.runWith(
                null, Map.of("KUBECONFIG", KUBE.controlPlane().kubeconfig().toString()), args);
    }

    private String create(Path src) throws Exception {
        Jackal.Result created =
                jackal("package", "create", src.toString(), "--confirm", "-o", work.toString(), "--no-progress");
        assertEquals(0, created.exitCode(), created.err());
        return created.out().strip();
    }

    @Test
    void variablesAndConstants() throws Exception {
        Path src = Files.createDirectories(work.resolve("vars"));
        Path host = Files.createDirectories(work.resolve("host"));
        Path certificate = host.resolve("cert.pem");
        Files.writeString(certificate, "-----BEGIN DEMO-----\nline two\n-----END DEMO-----\n");
        Files.writeString(
                src.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: variables-demo
                  version: 0.0.1
                constants:
                  - name: GREETING
                    value: hello
                    pattern: "^[a-z]+$"
                variables:
                  - name: DOMAIN
                    default: example.test
                    pattern: "^[a-z.]+$"
                  - name: PORT
                    default: "8080"
                  - name: PASSWORD
                    sensitive: true
                  - name: OPTIONAL
                  - name: CERT
                    type: file
                    autoIndent: true
                    default: %s
                components:
                  - name: config
                    required: true
                    manifests:
                      - name: settings
                        namespace: vars-demo
                        files:
                          - configmap.yaml
                    files:
                      - source: app.conf
                        target: %s
                """
                        .formatted(certificate, host.resolve("deployed/app.conf")));
        Files.writeString(
                src.resolve("configmap.yaml"),
                """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  domain: "###JACKAL_VAR_DOMAIN###"
                  port: "###JACKAL_VAR_PORT###"
                  password: "###JACKAL_VAR_PASSWORD###"
                  optional: "###JACKAL_VAR_OPTIONAL###"
                  greeting: "###JACKAL_CONST_GREETING###"
                  cert: |
                    ###JACKAL_VAR_CERT###
                """);
        Files.writeString(
                src.resolve("app.conf"), "password=###JACKAL_VAR_PASSWORD###\ndomain=###JACKAL_VAR_DOMAIN###\n");
        String archive = create(src);

        Jackal.Result refused = jackal("package", "deploy", archive, "--confirm", "--set", "DOMAIN=Not_A_Domain");
        assertEquals(1, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("DOMAIN") && refused.err().contains("^[a-z.]+$"), refused.err());
        assertFalse(refused.err().contains("\tat "), refused.err());
        assertNull(client.namespaces().withName("vars-demo").get(), "a refused value changes nothing");

        String secret = "Sup3r-S3cret-42";
        Jackal.Result deployed = jackal(
                "package",
                "deploy",
                archive,
                "--confirm",
                "--set",
                "port=9090",
                "--set",
                "PASSWORD=" + secret,
                "--no-progress",
                "-l",
                "debug");
        assertEquals(0, deployed.exitCode(), deployed.err());
        String output = deployed.out() + deployed.err();
        assertTrue(output.contains("DOMAIN: currently set to 'example.test' (default)"), output);
        assertTrue(output.contains("PORT: currently set to '9090'"), output);
        assertTrue(output.contains("PASSWORD: currently set to '**sanitized**'"), output);
        assertFalse(output.contains(secret), "the sensitive value never reaches the output, even at debug level");

        ConfigMap settings = client.configMaps()
                .inNamespace("vars-demo")
                .withName("settings")
                .get();
        assertEquals("example.test", settings.getData().get("domain"));
        assertEquals("9090", settings.getData().get("port"), "--set keys are upper-cased");
        assertEquals(secret, settings.getData().get("password"), "the sensitive value is templated in");
        assertEquals("", settings.getData().get("optional"), "an unset variable becomes empty");
        assertEquals("hello", settings.getData().get("greeting"));
        assertEquals(Files.readString(certificate), settings.getData().get("cert"), "file content, auto-indented");
        assertEquals(
                List.of("password=" + secret, "domain=example.test"),
                Files.readAllLines(host.resolve("deployed/app.conf")));
    }

    @Test
    void constantBreakingItsPatternFailsAtCreate() throws Exception {
        Path src = Files.createDirectories(work.resolve("bad-constant"));
        Files.writeString(
                src.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: bad-constant
                constants:
                  - name: GREETING
                    value: Hello World
                    pattern: "^[a-z]+$"
                components:
                  - name: a
                    required: true
                """);
        Jackal.Result result = jackal("package", "create", src.toString(), "--confirm", "-o", work.toString());
        assertEquals(1, result.exitCode(), result.err());
        assertTrue(result.err().contains("GREETING"), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
    }

    @Test
    void componentActions() throws Exception {
        Path src = Files.createDirectories(work.resolve("actions"));
        Path log = work.resolve("actions.log");
        Files.writeString(
                src.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: actions-demo
                  version: 0.0.1
                components:
                  - name: main
                    required: true
                    manifests:
                      - name: generated
                        namespace: actions-demo
                        files:
                          - configmap.yaml
                    actions:
                      onDeploy:
                        defaults:
                          env:
                            - FROM_DEFAULTS=yes
                        before:
                          - cmd: echo before >> {log}
                          - cmd: echo generated-value
                            setVariables:
                              - name: GENERATED
                          - cmd: echo "env $JACKAL_VAR_GENERATED $TF_VAR_generated $FROM_DEFAULTS $OWN" >> {log}
                            env:
                              - OWN=mine
                        after:
                          - cmd: echo after >> {log}
                        onSuccess:
                          - cmd: echo success >> {log}
                        onFailure:
                          - cmd: echo main-failure >> {log}
                      onRemove:
                        before:
                          - cmd: echo remove-before >> {log}
                        after:
                          - cmd: echo remove-after >> {log}
                  - name: slow
                    actions:
                      onDeploy:
                        before:
                          - cmd: sleep 60
                            maxTotalSeconds: 2
                        onFailure:
                          - cmd: echo slow-failure >> {log}
                  - name: failing
                    actions:
                      onDeploy:
                        before:
                          - cmd: exit 3
                            description: Fail on purpose
                        after:
                          - cmd: echo never >> {log}
                        onFailure:
                          - cmd: echo failing-failure >> {log}
                """
                        .replace("{log}", log.toString()));
        Files.writeString(
                src.resolve("configmap.yaml"),
                """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: generated
                data:
                  value: "###JACKAL_VAR_GENERATED###"
                """);
        String archive = create(src);

        Jackal.Result deployed = jackal("package", "deploy", archive, "--confirm", "--no-progress");
        assertEquals(0, deployed.exitCode(), deployed.err());
        assertEquals(
                List.of("before", "env generated-value generated-value yes mine", "after", "success"),
                Files.readAllLines(log));
        assertEquals(
                "generated-value",
                client.configMaps()
                        .inNamespace("actions-demo")
                        .withName("generated")
                        .get()
                        .getData()
                        .get("value"),
                "setVariables feed templates");

        Files.delete(log);
        long start = System.nanoTime();
        Jackal.Result slow = jackal("package", "deploy", archive, "--confirm", "--components", "slow", "--no-progress");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(1, slow.exitCode(), slow.err());
        assertTrue(slow.err().contains("timed out after 2 seconds"), slow.err());
        assertTrue(seconds < 50, "the 60 s command was stopped, took " + seconds + " s");
        assertTrue(
                Files.readAllLines(log).contains("slow-failure"),
                Files.readAllLines(log).toString());

        Files.delete(log);
        Jackal.Result failing =
                jackal("package", "deploy", archive, "--confirm", "--components", "failing", "--no-progress");
        assertEquals(1, failing.exitCode(), failing.err());
        assertTrue(failing.err().contains("Fail on purpose"), failing.err());
        assertFalse(failing.err().contains("\tat "), failing.err());
        List<String> lines = Files.readAllLines(log);
        assertFalse(lines.contains("never"), "a failed before action aborts the component: " + lines);
        assertTrue(lines.contains("failing-failure"), lines.toString());

        Files.delete(log);
        Jackal.Result removed = jackal("package", "remove", "actions-demo", "--confirm", "--no-progress");
        assertEquals(0, removed.exitCode(), removed.err());
        assertEquals(List.of("remove-before", "remove-after"), Files.readAllLines(log));
        assertNull(client.configMaps()
                .inNamespace("actions-demo")
                .withName("generated")
                .get());
    }
}
