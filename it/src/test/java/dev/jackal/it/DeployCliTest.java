package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.kube.KubernetesExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code package deploy / list / remove} with the shaded jar against the real control plane. */
class DeployCliTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    @TempDir
    Path work;

    private Jackal.Result jackal(String... args) throws Exception {
        return Jackal.runWith(
                null, Map.of("KUBECONFIG", KUBE.controlPlane().kubeconfig().toString()), args);
    }

    @Test
    void deployListRemove() throws Exception {
        Path src = Files.createDirectories(work.resolve("src"));
        Files.writeString(
                src.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: cli-demo
                  version: 0.0.1
                variables:
                  - name: PASSWORD
                    sensitive: true
                components:
                  - name: config
                    required: true
                    manifests:
                      - name: config
                        namespace: cli-demo
                        files:
                          - config.yaml
                    actions:
                      onRemove:
                        before:
                          - cmd: echo removed > %s/removed.txt
                """
                        .formatted(work));
        Files.writeString(
                src.resolve("config.yaml"),
                """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: app-password
                stringData:
                  password: "###JACKAL_VAR_PASSWORD###"
                """);
        Jackal.Result created =
                jackal("package", "create", src.toString(), "--confirm", "-o", work.toString(), "--no-progress");
        assertEquals(0, created.exitCode(), created.err());
        String archive = created.out().strip();

        Jackal.Result unconfirmed = jackal("package", "deploy", archive, "--no-progress");
        assertEquals(1, unconfirmed.exitCode(), unconfirmed.err());
        assertTrue(unconfirmed.err().contains("pass --confirm"), unconfirmed.err());

        Jackal.Result deployed = jackal(
                "package",
                "deploy",
                archive,
                "--confirm",
                "--set",
                "PASSWORD=s3cr3t-value",
                "--no-progress",
                "-l",
                "debug");
        assertEquals(0, deployed.exitCode(), deployed.err());
        assertFalse(
                deployed.out().contains("s3cr3t-value") || deployed.err().contains("s3cr3t-value"),
                "the sensitive value never reaches the output, even at debug level");
        assertTrue(deployed.err().contains("Jackal deployment complete: cli-demo"), deployed.err());

        Jackal.Result listed = jackal("package", "list", "--no-progress");
        assertEquals(0, listed.exitCode(), listed.err());
        assertTrue(
                listed.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("cli-demo") && l.contains("0.0.1") && l.contains("config")),
                listed.out());

        Jackal.Result unconfirmedRemove = jackal("package", "remove", "cli-demo", "--no-progress");
        assertEquals(1, unconfirmedRemove.exitCode(), unconfirmedRemove.err());
        assertTrue(unconfirmedRemove.err().contains("pass --confirm"), unconfirmedRemove.err());
        assertTrue(jackal("package", "list", "--no-progress").out().contains("cli-demo"), "nothing was removed");

        Jackal.Result removed = jackal("package", "remove", "cli-demo", "--confirm", "--no-progress");
        assertEquals(0, removed.exitCode(), removed.err());
        assertEquals(List.of("removed"), Files.readAllLines(work.resolve("removed.txt")));
        Jackal.Result after = jackal("package", "list", "--no-progress");
        assertFalse(after.out().contains("cli-demo"), after.out());
    }

    @Test
    void noClusterIsAClearError() throws Exception {
        Jackal.Result result = Jackal.runWith(
                null, Map.of("KUBECONFIG", work.resolve("missing").toString()), "package", "list", "--no-progress");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("no kubeconfig at"), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
    }
}
