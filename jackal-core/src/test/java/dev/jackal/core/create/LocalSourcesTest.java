package dev.jackal.core.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import dev.jackal.core.action.ActionRunner;
import dev.jackal.core.action.Redactor;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.git.GitCredentials;
import dev.jackal.core.layout.ComponentLayout;
import dev.jackal.core.model.Component;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local sources that would smuggle in outside files or that Helm would choke on fail with one clear line. */
class LocalSourcesTest {

    @TempDir
    Path pkg;

    @TempDir
    Path build;

    @TempDir
    Path outside;

    private ComponentLayout assemble(String yaml) {
        Component component = TestComponents.first(pkg, yaml);
        return new ComponentAssembler(
                        EventHandler.NONE,
                        pkg,
                        new ActionRunner(EventHandler.NONE, pkg, Map.of(), Redactor.none(), "jackal "),
                        GitCredentials.none())
                .assemble(component, build);
    }

    private static void assertOneLine(String message, String... parts) {
        assertFalse(message.contains("\n"), message);
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' in: " + message);
        }
    }

    @Test
    void aLinkOutOfThePackageInADirectorySourceIsRefusedByName() throws Exception {
        Files.writeString(outside.resolve("secret.txt"), "not for the package\n");
        Path dir = Files.createDirectories(pkg.resolve("conf"));
        Files.writeString(dir.resolve("app.properties"), "a=b\n");
        Files.createSymbolicLink(dir.resolve("leak"), outside.resolve("secret.txt"));

        CreateException e = assertThrows(
                CreateException.class,
                () -> assemble("- name: web\n  files:\n    - source: conf\n      target: /etc/app\n"));
        assertOneLine(e.getMessage(), "files[0].source", "conf/leak", "secret.txt", "outside the package directory");
        assertTrue(Arrays.stream(build.toFile().list()).noneMatch(n -> n.contains("secret")));
    }

    @Test
    void aRelativeLinkOutOfThePackageInManifestsIsRefusedToo() throws Exception {
        Files.writeString(outside.resolve("cm.yaml"), "kind: ConfigMap\n");
        Path dir = Files.createDirectories(pkg.resolve("manifests"));
        Files.createSymbolicLink(dir.resolve("cm.yaml"), dir.relativize(outside.resolve("cm.yaml")));

        CreateException e = assertThrows(
                CreateException.class,
                () -> assemble("- name: web\n  manifests:\n    - name: m\n      files:\n        - manifests\n"));
        assertOneLine(e.getMessage(), "manifests[0].files[0]", "manifests/cm.yaml", "outside the package directory");
    }

    @Test
    void linksInsideThePackageAreKeptOrCopied() throws Exception {
        Files.writeString(pkg.resolve("shared.txt"), "shared\n");
        Path dir = Files.createDirectories(pkg.resolve("conf"));
        Files.writeString(dir.resolve("real.txt"), "real\n");
        Files.createSymbolicLink(dir.resolve("alias.txt"), Path.of("real.txt"));
        Files.createSymbolicLink(dir.resolve("shared.txt"), Path.of("../shared.txt"));

        ComponentLayout layout = assemble("- name: web\n  files:\n    - source: conf\n      target: /etc/app\n");
        Path copied = layout.root().resolve("files/0/app");
        assertEquals(Path.of("real.txt"), Files.readSymbolicLink(copied.resolve("alias.txt")), "kept as a link");
        assertFalse(Files.isSymbolicLink(copied.resolve("shared.txt")), "a link elsewhere in the package is copied");
        assertEquals("shared\n", Files.readString(copied.resolve("shared.txt")));
    }

    @Test
    void aBrokenChartArchiveIsNamed() throws Exception {
        Files.createDirectories(pkg.resolve("chart"));
        Helm.create().withName("demo").withDir(pkg.resolve("chart")).call();
        new Helm(pkg.resolve("chart/demo"))
                .packageIt()
                .withDestination(Files.createDirectories(pkg.resolve("dist")))
                .call();
        Path packaged;
        try (var files = Files.list(pkg.resolve("dist"))) {
            packaged = files.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(packaged);
        Files.write(pkg.resolve("demo.tgz"), Arrays.copyOf(bytes, bytes.length / 2));

        CreateException e = assertThrows(
                CreateException.class,
                () -> assemble("- name: web\n  charts:\n    - name: demo\n      version: 0.1.0\n"
                        + "      namespace: demo\n      localPath: demo.tgz\n"));
        assertOneLine(e.getMessage(), "charts[0].localPath", "demo.tgz", "not a readable chart archive");
    }

    @Test
    void aMalformedChartYamlIsNamedWithLineAndColumn() throws Exception {
        Files.createDirectories(pkg.resolve("chart"));
        Helm.create().withName("demo").withDir(pkg.resolve("chart")).call();
        Files.writeString(
                pkg.resolve("chart/demo/Chart.yaml"),
                "apiVersion: v2\nname: demo\nversion: [0.1.0\ntype: application\n");

        CreateException e = assertThrows(
                CreateException.class,
                () -> assemble("- name: web\n  charts:\n    - name: demo\n      version: 0.1.0\n"
                        + "      namespace: demo\n      localPath: chart/demo\n"));
        assertOneLine(e.getMessage(), "charts[0].localPath", "chart/demo/Chart.yaml:", "not valid YAML");
        assertTrue(e.getMessage().matches(".*Chart\\.yaml:\\d+:\\d+: .*"), e.getMessage());
    }
}
