package dev.jackal.core.wait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaitConditionTest {

    private static Map<String, Object> withReady(String status, Integer observedGeneration, int generation) {
        Map<String, Object> condition = observedGeneration == null
                ? Map.of("type", "Ready", "status", status)
                : Map.of("type", "Ready", "status", status, "observedGeneration", observedGeneration);
        return Map.of(
                "metadata",
                Map.of("generation", generation),
                "status",
                Map.of("phase", "Running", "availableReplicas", 23, "conditions", List.of(condition)));
    }

    @Test
    void namesOfExistsAndDelete() {
        for (String exists : new String[] {"", "exists", "EXIST", "create", " exists "}) {
            assertInstanceOf(WaitCondition.Exists.class, WaitCondition.parse(exists), exists);
        }
        assertInstanceOf(WaitCondition.Exists.class, WaitCondition.parse(null));
        assertInstanceOf(WaitCondition.Deleted.class, WaitCondition.parse("delete"));
        assertEquals("it still exists", WaitCondition.parse("delete").notMet(Map.of()));
    }

    @Test
    void conditionTypesAreCaseInsensitiveAndRespectGenerations() {
        WaitCondition ready = WaitCondition.parse("ready");
        assertEquals(new WaitCondition.Condition("ready", "True"), ready);
        assertNull(ready.notMet(withReady("True", null, 1)));
        assertEquals("condition ready is False", ready.notMet(withReady("False", null, 1)));
        assertEquals(
                "condition ready describes generation 1, not the current 2", ready.notMet(withReady("True", 1, 2)));
        assertEquals(
                "no condition Available yet", WaitCondition.parse("Available").notMet(withReady("True", 1, 1)));
        assertNull(WaitCondition.parse("Ready=False").notMet(withReady("False", null, 1)));
        assertEquals("be Ready", WaitCondition.parse("Ready").describe());
        assertEquals(
                "have condition Ready=False", WaitCondition.parse("Ready=False").describe());
    }

    @Test
    void jsonPathComparisonsWithOrWithoutShellQuotes() {
        Map<String, Object> object = withReady("True", null, 1);
        assertNull(WaitCondition.parse("{.status.phase}=Running").notMet(object));
        assertNull(WaitCondition.parse("'{.status.availableReplicas}'=23").notMet(object));
        assertNull(WaitCondition.parse("'{.status.availableReplicas}=23'").notMet(object));
        assertNull(WaitCondition.parse("{.status.conditions[?(@.type==\"Ready\")].status}=True")
                .notMet(object));
        assertEquals(
                "{.status.phase} is Running",
                WaitCondition.parse("{.status.phase}=Pending").notMet(object));
        assertEquals(
                "{.status.nope} is not set",
                WaitCondition.parse("{.status.nope}=x").notMet(object));
        assertEquals(
                "{.status.conditions} selects an object or a list, not a value",
                WaitCondition.parse("{.status.conditions}=x").notMet(object));
        assertEquals(
                "have {.status.phase}=Running",
                WaitCondition.parse("{.status.phase}=Running").describe());
        assertThrows(WaitException.class, () -> WaitCondition.parse("{.status.phase=Running"));
    }
}
