package dev.jackal.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.model.JackalPackage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployedPackageTest {

    private static final JackalPackage PKG = DefinitionReader.parse(
                    Path.of("jackal.yaml"),
                    """
            kind: JackalPackageConfig
            metadata:
              name: demo
              version: 1.0.0
            components:
              - name: web
              - name: db
            """,
                    DefinitionReader.Strictness.LENIENT)
            .pkg();

    @Test
    void recordsEachComponentAndRoundTrips() {
        DeployedPackage record = DeployedPackage.start(PKG, "v0.1.0", null)
                .with(new DeployedComponent("web", List.of(), ComponentStatus.DEPLOYING, 1))
                .with(new DeployedComponent(
                        "web", List.of(new InstalledChart("web", "podinfo")), ComponentStatus.SUCCEEDED, 1))
                .with(new DeployedComponent("db", List.of(), ComponentStatus.FAILED, 1))
                .withConnectStrings(Map.of("podinfo", new ConnectString("the app", "/")));
        assertEquals(1, record.generation());
        assertEquals(
                List.of("web", "db"),
                record.deployedComponents().stream()
                        .map(DeployedComponent::name)
                        .toList());
        String json = record.toJson();
        assertTrue(json.contains("\"status\":\"Succeeded\""), json);
        assertTrue(json.contains("\"installedCharts\":[{\"namespace\":\"web\",\"chartName\":\"podinfo\"}]"), json);
        assertEquals(record, DeployedPackage.fromJson(json));
        assertEquals("jackal-package-demo", DeployedPackage.secretName("demo"));
    }

    @Test
    void connectStringsComeOutSortedByName() {
        Map<String, ConnectString> given = new java.util.LinkedHashMap<>();
        for (String name : List.of("zeta", "alpha", "mid")) {
            given.put(name, new ConnectString(name + " app", "/" + name));
        }
        DeployedPackage record = DeployedPackage.start(PKG, "v0.1.0", null).withConnectStrings(given);
        assertEquals(
                List.of("alpha", "mid", "zeta"),
                List.copyOf(record.connectStrings().keySet()));
        String json = record.toJson();
        assertTrue(
                json.indexOf("\"alpha\"") < json.indexOf("\"mid\"")
                        && json.indexOf("\"mid\"") < json.indexOf("\"zeta\""),
                json);
        assertEquals(record, DeployedPackage.fromJson(json));
    }

    @Test
    void redeployBumpsTheGenerationAndKeepsWhatWasThere() {
        DeployedPackage first = DeployedPackage.start(PKG, "v0.1.0", null)
                .with(new DeployedComponent("web", List.of(), ComponentStatus.SUCCEEDED, 1));
        DeployedPackage second = DeployedPackage.start(PKG, "v0.1.0", first);
        assertEquals(2, second.generation());
        assertEquals(1, second.deployedComponents().size());
        assertEquals(List.of(), second.without("web").deployedComponents());
    }

    @Test
    void readsZarfStyleKeysInAnyCaseAndIgnoresUnknownFields() {
        DeployedPackage read = DeployedPackage.fromJson(
                """
                {"Name":"demo","Generation":3,"CLIVersion":"v0.32.6","newField":true,
                 "DeployedComponents":[{"Name":"web","Status":"succeeded","ObservedGeneration":3}]}
                """);
        assertEquals("demo", read.name());
        assertEquals(3, read.generation());
        assertEquals("v0.32.6", read.cliVersion());
        assertEquals(ComponentStatus.SUCCEEDED, read.deployedComponents().get(0).status());
    }
}
