package dev.jackal.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link BoundedTasks}: the bound holds, the first failure wins after every worker stopped, an interrupt is mapped. */
class BoundedTasksTest {

    @Test
    void neverMoreThanTheBoundAtOnceAndEveryItemRuns() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        Set<String> names = ConcurrentHashMap.newKeySet();
        BoundedTasks.run(
                IntStream.range(0, 40).boxed().toList(),
                3,
                "test-pool",
                i -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    names.add(Thread.currentThread().getName());
                    sleep(5);
                    running.decrementAndGet();
                    done.add(i);
                },
                e -> new IllegalStateException(e));
        assertEquals(40, done.size());
        assertEquals(3, most.get(), "three at once, never more");
        assertTrue(names.stream().allMatch(n -> n.startsWith("test-pool-")), names.toString());
    }

    @Test
    void theFirstFailureIsThrownOnceTheOthersStopped() {
        IllegalArgumentException boom = new IllegalArgumentException("item 0");
        AtomicInteger stillRunning = new AtomicInteger();
        AtomicInteger atThrow = new AtomicInteger(-1);
        IllegalArgumentException thrown = assertThrows(
                IllegalArgumentException.class,
                () -> BoundedTasks.run(
                        List.of(0, 1, 2),
                        3,
                        "test-pool",
                        i -> {
                            if (i == 0) {
                                sleep(50);
                                throw boom;
                            }
                            stillRunning.incrementAndGet();
                            try {
                                Thread.sleep(10_000); // cancelled: interrupted
                            } catch (InterruptedException e) {
                                sleep(100); // cleaning up after itself
                                stillRunning.decrementAndGet();
                            }
                        },
                        e -> new IllegalStateException(e)));
        atThrow.set(stillRunning.get());
        assertSame(boom, thrown);
        assertEquals(0, atThrow.get(), "the failure came after the cancelled workers cleaned up");
    }

    @Test
    void anInterruptedCallerGetsItsOwnExceptionAndKeepsTheFlag() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> caught = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                BoundedTasks.run(
                        List.of(1),
                        1,
                        "test-pool",
                        i -> {
                            started.countDown();
                            sleep(10_000);
                        },
                        e -> new UnsupportedOperationException("stopped", e));
            } catch (RuntimeException e) {
                caught.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        caller.interrupt();
        caller.join(10_000);
        assertTrue(caught.get() instanceof UnsupportedOperationException, String.valueOf(caught.get()));
        assertTrue(caught.get().getCause() instanceof InterruptedException);
        assertEquals(Boolean.TRUE, flag.get());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
