package dev.jackal.core.wait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonPathTest {

    private static final Map<String, Object> POD = Map.of(
            "metadata",
            Map.of("name", "app", "labels", Map.of("app.kubernetes.io/name", "web", "tier", "front")),
            "spec",
            Map.of("containers", List.of(Map.of("name", "a", "image", "x:1"), Map.of("name", "b", "image", "y:2"))),
            "status",
            Map.of(
                    "phase",
                    "Running",
                    "replicas",
                    3,
                    "ratio",
                    2.0,
                    "conditions",
                    List.of(
                            Map.of("type", "Initialized", "status", "True"),
                            Map.of("type", "Ready", "status", "False"))));

    private static List<Object> eval(String path) {
        return JsonPath.parse(path).evaluate(POD);
    }

    @Test
    void fieldsIndexesWildcardsAndFilters() {
        assertEquals(List.of("Running"), eval("{.status.phase}"));
        assertEquals(List.of("Running"), eval("{$.status.phase}"));
        assertEquals(List.of("y:2"), eval("{.spec.containers[1].image}"));
        assertEquals(List.of("y:2"), eval("{.spec.containers[-1].image}"));
        assertEquals(List.of("a", "b"), eval("{.spec.containers[*].name}"));
        assertEquals(List.of("False"), eval("{.status.conditions[?(@.type==\"Ready\")].status}"));
        assertEquals(List.of("False"), eval("{.status.conditions[?(@.type=='Ready')].status}"));
        assertEquals(List.of("Initialized"), eval("{.status.conditions[?(@.status!=\"False\")].type}"));
        assertEquals(2, eval("{.status.conditions[?(@.type)]}").size());
        assertEquals(List.of("web"), eval("{.metadata.labels.app\\.kubernetes\\.io/name}"));
        assertEquals(List.of("web"), eval("{.metadata.labels['app.kubernetes.io/name']}"));
        assertEquals(2, eval("{.metadata.labels.*}").size());
    }

    @Test
    void missingPartsSelectNothing() {
        assertEquals(List.of(), eval("{.status.nope}"));
        assertEquals(List.of(), eval("{.spec.containers[5].image}"));
        assertEquals(List.of(), eval("{.status.phase.deeper}"));
        assertEquals(List.of(), eval("{.status.conditions[?(@.type==\"Gone\")].status}"));
    }

    @Test
    void scalarsPrintAsKubectlPrintsThem() {
        assertEquals("3", JsonPath.scalar(3).orElseThrow());
        assertEquals("2", JsonPath.scalar(2.0).orElseThrow());
        assertEquals("2.5", JsonPath.scalar(2.5).orElseThrow());
        assertEquals("true", JsonPath.scalar(true).orElseThrow());
        assertTrue(JsonPath.scalar(Map.of()).isEmpty());
        assertTrue(JsonPath.scalar(List.of()).isEmpty());
    }

    @Test
    void unsupportedSyntaxIsAnErrorNamingIt() {
        assertTrue(assertThrows(WaitException.class, () -> JsonPath.parse("{..name}"))
                .getMessage()
                .contains("recursive descent"));
        assertTrue(assertThrows(WaitException.class, () -> JsonPath.parse("{.items[0:2]}"))
                .getMessage()
                .contains("slices"));
        assertTrue(assertThrows(WaitException.class, () -> JsonPath.parse("{.items[?(@.n>2)]}"))
                .getMessage()
                .contains("operator '>'"));
        assertTrue(assertThrows(WaitException.class, () -> JsonPath.parse(".status.phase"))
                .getMessage()
                .contains("braces"));
        assertTrue(assertThrows(WaitException.class, () -> JsonPath.parse("{.items[0}"))
                .getMessage()
                .contains("never closed"));
    }
}
