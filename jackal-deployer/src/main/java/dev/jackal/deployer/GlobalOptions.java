package dev.jackal.deployer;

import dev.jackal.core.event.LogEvent;
import dev.jackal.deployer.console.ConsoleEvents;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Options every command takes (spec §10 global flags). */
final class GlobalOptions {

    @Option(
            names = {"-l", "--log-level"},
            description = "warn, info or debug (default: ${DEFAULT-VALUE})",
            defaultValue = "info",
            scope = picocli.CommandLine.ScopeType.INHERIT)
    String logLevel;

    @Option(
            names = "--no-progress",
            description = "Print progress as lines, never as bars.",
            scope = picocli.CommandLine.ScopeType.INHERIT)
    boolean noProgress;

    @Option(
            names = "--tmpdir",
            description = "Where temporary files go (default: the system's).",
            scope = picocli.CommandLine.ScopeType.INHERIT)
    Path tmpDir;

    @Option(
            names = "--jackal-cache",
            description = "The cache directory (default: ~/.jackal-cache).",
            scope = picocli.CommandLine.ScopeType.INHERIT)
    Path cacheDir;

    LogEvent.Level level() {
        return switch (logLevel.toLowerCase(Locale.ROOT)) {
            case "warn", "warning" -> LogEvent.Level.WARN;
            case "debug", "trace" -> LogEvent.Level.DEBUG;
            default -> LogEvent.Level.INFO;
        };
    }

    ConsoleEvents console(PrintWriter err) {
        boolean terminal = !noProgress && System.console() != null && System.getenv("CI") == null;
        return new ConsoleEvents(err, level(), terminal, Duration.ofSeconds(5));
    }

    Path tempRoot() {
        return tmpDir != null ? tmpDir : Path.of(System.getProperty("java.io.tmpdir"));
    }

    Path cache() {
        return cacheDir != null ? cacheDir : Path.of(System.getProperty("user.home"), ".jackal-cache");
    }
}
