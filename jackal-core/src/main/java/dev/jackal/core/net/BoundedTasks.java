package dev.jackal.core.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Bounded parallel transfers: one task per item on at most {@code concurrency} daemon threads. The first failure (in
 * the items' order) cancels the rest and is thrown once every worker has stopped, so each could clean up after itself
 * (e.g. delete its partial file); a blocked socket read ends within its read timeout. Used by image pulls and pushes
 * and by package publish and pull.
 */
public final class BoundedTasks {

    private static final long STOP_MINUTES = 2;

    private BoundedTasks() {}

    /**
     * @param threadPrefix the workers' names, {@code <prefix>-1}, {@code <prefix>-2}, …
     * @param interrupted what to throw when the calling thread is interrupted while it waits (the workers are
     *     cancelled and the interrupt flag is set again)
     */
    public static <T> void run(
            Collection<T> items,
            int concurrency,
            String threadPrefix,
            Consumer<T> task,
            Function<InterruptedException, ? extends RuntimeException> interrupted) {
        if (items.isEmpty()) {
            return;
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, items.size()), runnable -> {
            Thread thread = new Thread(runnable, threadPrefix + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (T item : items) {
                futures.add(pool.submit(() -> task.accept(item)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw interrupted.apply(e);
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(STOP_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
