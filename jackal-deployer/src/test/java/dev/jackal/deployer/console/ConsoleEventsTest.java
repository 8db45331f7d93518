package dev.jackal.deployer.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.event.LogEvent;
import dev.jackal.core.event.ProgressEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleEventsTest {

    private final StringWriter text = new StringWriter();

    private List<String> lines() {
        return text.toString().lines().toList();
    }

    @Test
    void logsWithoutATerminalPrintThrottledProgressLines() {
        try (ConsoleEvents console =
                new ConsoleEvents(new PrintWriter(text), LogEvent.Level.INFO, false, Duration.ofHours(1))) {
            console.lifecycle("creating package demo");
            console.debug("hidden at info");
            console.warn("careful");
            console.progress("pull images", 1024, 4096, "bytes");
            console.progress("pull images", 2048, 4096, "bytes");
            console.progress("pull images", 3072, 4096, "bytes");
            console.finished("pull images", 4096, 4096, "bytes");
        }
        assertEquals(
                List.of(
                        "creating package demo",
                        "WARNING: careful",
                        "pull images: 1.0 KiB/4.0 KiB (25%)",
                        "done pull images: 4.0 KiB/4.0 KiB (100%)"),
                lines());
    }

    @Test
    void warnLevelHidesProgressAndInfo() {
        try (ConsoleEvents console =
                new ConsoleEvents(new PrintWriter(text), LogEvent.Level.WARN, false, Duration.ZERO)) {
            console.info("chatty");
            console.progress("task", 1, 2, "items");
            console.handle(new LogEvent(LogEvent.Level.ERROR, "broken"));
        }
        assertEquals(List.of("ERROR: broken"), lines());
    }

    @Test
    void terminalBarsShowPercentAndSize() {
        String bar = Bars.bar(new ProgressEvent("pull", 512, 1024, "bytes", false), 10);
        assertEquals("[=====>    ]  50% 512 B/1.0 KiB pull", bar);
        assertTrue(Bars.bar(new ProgressEvent("x", 3, -1, "items", false), 4).startsWith("[----] 3 items"));
    }
}
