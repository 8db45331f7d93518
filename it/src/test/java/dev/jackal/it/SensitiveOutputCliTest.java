package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.kube.KubernetesExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * At {@code --log-level debug} no sensitive value appears in any output (issue 9 item 12): not the output of a muted
 * action that sets a sensitive variable, not that of an unmuted one, not the variable used later. The commands build
 * the secret at run time, so it is not in the command text either.
 */
class SensitiveOutputCliTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    @TempDir
    Path work;

    @Test
    void noSensitiveValueReachesAnyOutputAtDebug() throws Exception {
        Path src = Files.createDirectories(work.resolve("src"));
        Files.writeString(
                src.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: secret-output
                  version: 0.0.1
                components:
                  - name: app
                    required: true
                    actions:
                      onDeploy:
                        before:
                          - cmd: echo "s3cr3t-$((6*7))-muted"
                            mute: true
                            setVariables:
                              - name: TOKEN
                                sensitive: true
                          - cmd: echo "s3cr3t-$((6*7))-unmuted"
                            setVariables:
                              - name: OTHER
                                sensitive: true
                          - cmd: echo "token is $JACKAL_VAR_TOKEN and $JACKAL_VAR_OTHER"
                """);
        Path out = work.resolve("out");
        Jackal.Result created = Jackal.run(
                "package", "create", src.toString(), "--confirm", "-a", "amd64", "-o", out.toString(), "--no-progress");
        assertEquals(0, created.exitCode(), created.err());

        Jackal.Result deploy = Jackal.runWith(
                null,
                Map.of("KUBECONFIG", KUBE.controlPlane().kubeconfig().toString()),
                "package",
                "deploy",
                created.out().strip(),
                "--confirm",
                "--no-progress",
                "--log-level",
                "debug");
        assertEquals(0, deploy.exitCode(), deploy.err());
        assertTrue(deploy.err().contains("token is "), "the last action ran and echoed: " + deploy.err());
        assertFalse(deploy.out().contains("s3cr3t-42"), deploy.out());
        assertFalse(deploy.err().contains("s3cr3t-42"), deploy.err());
    }
}
