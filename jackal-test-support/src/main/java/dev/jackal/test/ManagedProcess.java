package dev.jackal.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real program started for a test: its output goes to a log file, it is stopped (with its children)
 * on {@link #close()} or when the JVM exits, and a start that does not become ready fails with the end
 * of its log.
 */
public final class ManagedProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread shutdownHook;

    private ManagedProcess(String name, Process process, Path log, boolean stopAtExit) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.shutdownHook = stopAtExit ? new Thread(this::stop, "stop-" + name) : null;
        if (stopAtExit) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** Starts {@code command}; stdout and stderr go to {@code log}. */
    public static ManagedProcess start(
            String name, List<String> command, Map<String, String> environment, Path workDir, Path log) {
        return start(name, command, environment, workDir, log, true);
    }

    /**
     * Starts {@code command} in a session of its own ({@code setsid}, which does not fork here, so {@link #handle()}
     * is the program itself): a signal to the JVM's process group, such as Ctrl-C or coreutils {@code timeout},
     * does not reach it. No shutdown hook: the caller stops it, in the order it needs.
     */
    public static ManagedProcess startInOwnSession(
            String name, List<String> command, Map<String, String> environment, Path workDir, Path log) {
        List<String> withSetsid = new ArrayList<>();
        withSetsid.add(TestTools.onPath(name, "setsid").toString());
        withSetsid.addAll(command);
        return start(name, withSetsid, environment, workDir, log, false);
    }

    private static ManagedProcess start(
            String name,
            List<String> command,
            Map<String, String> environment,
            Path workDir,
            Path log,
            boolean stopAtExit) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        try {
            return new ManagedProcess(name, builder.start(), log, stopAtExit);
        } catch (IOException e) {
            throw new TestServiceException(name, "cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** Waits until {@code ready} holds; fails with the log's tail if the process dies or time runs out. */
    public ManagedProcess awaitReady(Duration timeout, BooleanSupplier ready) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new TestServiceException(
                        name,
                        "exited with code " + process.exitValue() + " before it was ready; log " + log + ":\n"
                                + tail(40));
            }
            if (ready.getAsBoolean()) {
                return this;
            }
            sleep(Duration.ofMillis(100));
        }
        close();
        throw new TestServiceException(
                name, "was not ready within " + timeout.toSeconds() + " s; log " + log + ":\n" + tail(40));
    }

    /** The running program, e.g. for its PID. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The last {@code lines} lines of the log. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
        if (shutdownHook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private void stop() {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
