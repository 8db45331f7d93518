package dev.jackal.core.wait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {

    @Test
    void formatsDurationsAsGoDoes() {
        assertEquals("0s", Poll.format(Duration.ZERO));
        assertEquals("500ms", Poll.format(Duration.ofMillis(500)));
        assertEquals("30s", Poll.format(Duration.ofSeconds(30)));
        assertEquals("2.5s", Poll.format(Duration.ofMillis(2500)));
        assertEquals("5m0s", Poll.format(Duration.ofMinutes(5)));
        assertEquals("1h30m0s", Poll.format(Duration.ofMinutes(90)));
    }

    @Test
    void checksUntilItHoldsAndTimesOutWithTheLastReason() {
        AtomicInteger calls = new AtomicInteger();
        Poll.until(
                Duration.ofSeconds(5),
                Duration.ofMillis(10),
                () -> calls.incrementAndGet() < 3 ? "not yet" : null,
                () -> "x");
        assertEquals(3, calls.get());

        long start = System.nanoTime();
        WaitTimeoutException e = assertThrows(
                WaitTimeoutException.class,
                () -> Poll.until(
                        Duration.ofMillis(300),
                        Duration.ofMillis(50),
                        () -> "still 0 of 1",
                        () -> "thing to be ready"));
        assertEquals("timed out after 300ms waiting for thing to be ready (still 0 of 1)", e.getMessage());
        assertTrue(System.nanoTime() - start >= 300_000_000L, "it waits the whole timeout");
    }
}
