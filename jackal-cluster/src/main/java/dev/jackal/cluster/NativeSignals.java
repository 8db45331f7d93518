package dev.jackal.cluster;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Keeps SIGINT, SIGTERM and SIGHUP with the JVM while Helm's native library runs.
 *
 * <p>helm-java runs Helm as a Go shared library in this process. While Helm waits for a release, Go code in it
 * subscribes to the termination signals ({@code os/signal.Notify}, as kubectl's interrupt handler does), which
 * replaces the JVM's handlers at the OS level: Ctrl-C or a CI cancel then reaches a Go channel nobody acts on and
 * jackal keeps waiting for minutes (measured: still running 20 s after SIGTERM, see it's InterruptedDeployTest).
 * No library offers a switch for this, so while a Helm call runs this guard puts the JVM's handling back every
 * {@link #PERIOD_MILLIS} ms: a signal then ends jackal as it would without Helm (shutdown hooks run, exit code
 * 128 + the signal's number). Go restores what it found when it unsubscribes, which is the JVM's handler too.
 */
final class NativeSignals implements AutoCloseable {

    static final long PERIOD_MILLIS = 200;

    private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");

    /** What the JVM does by default for these signals: run the shutdown hooks and exit with 128 + the number. */
    private static final SignalHandler EXIT = signal -> Runtime.getRuntime().exit(128 + signal.getNumber());

    private final ScheduledExecutorService timer;
    private final ScheduledFuture<?> task;

    private NativeSignals(ScheduledExecutorService timer) {
        this.timer = timer;
        this.task = timer.scheduleAtFixedRate(NativeSignals::reclaim, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts guarding; close it when the native call returns. */
    static NativeSignals guard() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "jackal-native-signals");
            thread.setDaemon(true);
            return thread;
        });
        return new NativeSignals(timer);
    }

    /** Installs the JVM's handler for each signal again (one {@code sigaction} each). */
    static void reclaim() {
        for (String name : SIGNALS) {
            try {
                Signal.handle(new Signal(name), EXIT);
            } catch (IllegalArgumentException e) {
                // the JVM runs with -Xrs or the platform lacks the signal: leave it alone
            }
        }
    }

    @Override
    public void close() {
        task.cancel(false);
        timer.shutdownNow();
        reclaim();
    }
}
