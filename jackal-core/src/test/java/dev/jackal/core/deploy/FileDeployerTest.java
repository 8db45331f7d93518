package dev.jackal.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.layout.ComponentLayout;
import dev.jackal.core.model.Component;
import dev.jackal.core.template.DeployTemplater;
import dev.jackal.core.template.TemplateValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDeployerTest {

    @TempDir
    Path staged;

    @TempDir
    Path host;

    private Component component(String yaml) {
        return DefinitionReader.parse(
                        Path.of("jackal.yaml"),
                        "kind: JackalPackageConfig\nmetadata:\n  name: t\ncomponents:\n" + yaml.indent(2),
                        DefinitionReader.Strictness.LENIENT)
                .pkg()
                .components()
                .get(0);
    }

    private FileDeployer deployer() {
        DeployTemplater templater = new DeployTemplater(
                Map.of("###JACKAL_VAR_PASSWORD###", new TemplateValue("hunter2", true, false, false)),
                EventHandler.NONE);
        return new FileDeployer(EventHandler.NONE, templater, host.resolve("pkg-temp"), host.resolve("home"));
    }

    @Test
    void filesAreTemplatedPlacedAndLinked() throws Exception {
        ComponentLayout layout = new ComponentLayout(staged.resolve("app"));
        Files.createDirectories(layout.file(0, "app.conf").getParent());
        Files.writeString(layout.file(0, "app.conf"), "password = ###JACKAL_VAR_PASSWORD###\n");
        Files.createDirectories(layout.file(1, "tool").getParent());
        Files.writeString(layout.file(1, "tool"), "#!/bin/sh\necho tool\n");
        Component component = component(
                """
                - name: app
                  files:
                    - source: app.conf
                      target: ~/etc/app.conf
                    - source: tool
                      target: "###JACKAL_TEMP###/bin/tool"
                      executable: true
                      symlinks:
                        - %s/usr/bin/tool
                """
                        .formatted(host));
        deployer().deploy(component, layout);
        assertEquals(
                "password = hunter2\n",
                Files.readString(host.resolve("home/etc/app.conf")),
                "the sensitive value reaches the file");
        Path tool = host.resolve("pkg-temp/bin/tool");
        assertTrue(Files.isExecutable(tool));
        assertTrue(Files.isSymbolicLink(host.resolve("usr/bin/tool")));
        assertEquals(tool.toAbsolutePath(), Files.readSymbolicLink(host.resolve("usr/bin/tool")));
    }

    @Test
    void aChangedFileIsRefused() throws Exception {
        ComponentLayout layout = new ComponentLayout(staged.resolve("app"));
        Files.createDirectories(layout.file(0, "x").getParent());
        Files.writeString(layout.file(0, "x"), "changed");
        Component component = component(
                """
                - name: app
                  files:
                    - source: x
                      target: %s/x
                      shasum: %s
                """
                        .formatted(host, "a".repeat(64)));
        DeployException e = assertThrows(DeployException.class, () -> deployer().deploy(component, layout));
        assertTrue(
                e.getMessage().startsWith("component app: files[0].shasum: the packaged file has SHA-256"),
                e.getMessage());
    }
}
