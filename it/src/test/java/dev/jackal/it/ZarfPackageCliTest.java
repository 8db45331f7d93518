package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.kube.KubernetesExtension;
import dev.jackal.test.zarf.ZarfPackageWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar inspects, deploys, lists and removes a package laid out as Zarf writes it. */
class ZarfPackageCliTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    @TempDir
    Path work;

    private Jackal.Result jackal(String... args) throws Exception {
        return Jackal.runWith(
                null, Map.of("KUBECONFIG", KUBE.controlPlane().kubeconfig().toString()), args);
    }

    @Test
    void inspectDeployListRemove() throws Exception {
        Path archive = ZarfPackageWriter.definition(
                        """
                        kind: ZarfPackageConfig
                        metadata:
                          name: zarf-cli
                          version: 0.0.1
                          architecture: amd64
                        build:
                          architecture: amd64
                          version: v0.32.6
                          lastNonBreakingVersion: v0.27.0
                        variables:
                          - name: GREETING
                            default: hello
                        components:
                          - name: config
                            required: true
                            manifests:
                              - name: config
                                namespace: zarf-cli
                                files:
                                  - config.yaml
                            actions:
                              onDeploy:
                                after:
                                  - cmd: ./zarf tools wait-for configmap config -n zarf-cli --timeout 30s
                                  - cmd: echo "$ZARF_VAR_GREETING" > {work}/deployed.txt
                              onRemove:
                                before:
                                  - cmd: echo removed > {work}/removed.txt
                        """
                                .replace("{work}", work.toString()))
                .componentFile(
                        "config",
                        "manifests/config-0.yaml",
                        """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: config
                        data:
                          greeting: "###ZARF_VAR_GREETING###"
                        """)
                .write(work.resolve("zarf-package-zarf-cli-amd64-0.0.1.tar.zst"));

        Jackal.Result inspect = jackal("package", "inspect", archive.toString(), "--no-progress");
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(inspect.out().startsWith("# dialect: zarf (built by zarf v0.32.6;"), inspect.out());

        Jackal.Result deploy =
                jackal("package", "deploy", archive.toString(), "--confirm", "--set", "GREETING=hi", "--no-progress");
        assertEquals(0, deploy.exitCode(), deploy.err());
        assertEquals("hi\n", Files.readString(work.resolve("deployed.txt")));
        Jackal.Result templated = jackal(
                "tools",
                "wait-for",
                "configmap",
                "config",
                "{.data.greeting}=hi",
                "-n",
                "zarf-cli",
                "--timeout",
                "10s");
        assertEquals(0, templated.exitCode(), "###ZARF_VAR_GREETING### became hi: " + templated.err());

        Jackal.Result list = jackal("package", "list", "--no-progress");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("zarf-cli"), list.out());

        Jackal.Result remove = jackal("package", "remove", "zarf-cli", "--confirm", "--no-progress");
        assertEquals(0, remove.exitCode(), remove.err());
        assertEquals("removed\n", Files.readString(work.resolve("removed.txt")));
    }
}
