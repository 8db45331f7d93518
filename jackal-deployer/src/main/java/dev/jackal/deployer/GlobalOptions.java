package dev.jackal.deployer;

import dev.jackal.core.event.LogEvent;
import dev.jackal.deployer.console.ConsoleEvents;
import java.io.PrintWriter;
import java.nio.file.Files;
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

    /** The directory temporary files go to; an unusable {@code --tmpdir} is refused with one line. */
    Path tempRoot() {
        if (tmpDir == null) {
            return Path.of(System.getProperty("java.io.tmpdir"));
        }
        if (!Files.exists(tmpDir)) {
            throw new OptionException("--tmpdir", tmpDir, "does not exist; create it or choose another directory");
        }
        if (!Files.isDirectory(tmpDir)) {
            throw new OptionException("--tmpdir", tmpDir, "is not a directory; choose a directory");
        }
        if (!Files.isWritable(tmpDir)) {
            throw new OptionException("--tmpdir", tmpDir, "is not writable; choose a directory you can write to");
        }
        return tmpDir;
    }

    Path cache() {
        return cacheDir != null ? cacheDir : Path.of(System.getProperty("user.home"), ".jackal-cache");
    }
}
