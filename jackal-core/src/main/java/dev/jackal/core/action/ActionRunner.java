package dev.jackal.core.action;

import dev.jackal.core.event.EventHandler;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.model.Action;
import dev.jackal.core.model.ActionDefaults;
import dev.jackal.core.model.Shell;
import dev.jackal.core.wait.ClusterWaiter;
import dev.jackal.core.wait.NetworkWaiter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code cmd} actions (spec §1.6): {@code sh -e -c} (or the configured shell), the environment of
 * defaults and action plus the template variables as {@code JACKAL_VAR_X} and {@code TF_VAR_x}, the
 * action's directory, {@code maxTotalSeconds} shared by all {@code maxRetries + 1} attempts, and muting (muted
 * output, and all output of an action that sets a {@code sensitive} variable, is never shown at any level).
 * The trimmed standard output of a successful run is returned for {@code setVariables}. {@code wait} actions
 * run in this process ({@link WaitActions}).
 */
public final class ActionRunner {

    /** Output kept for {@code setVariables}; more is cut. */
    static final int MAX_CAPTURE = 1024 * 1024;

    private final EventHandler events;
    private final Path baseDir;
    private final Map<String, String> variables;
    private final Redactor redactor;
    private final String selfCommand;
    private final WaitActions waits;
    private final PackageDialect dialect;

    /** A runner whose cluster waits fail: for create, where there is no cluster. */
    public ActionRunner(
            EventHandler events, Path baseDir, Map<String, String> variables, Redactor redactor, String selfCommand) {
        this(events, baseDir, variables, redactor, selfCommand, ClusterWaiter.NONE);
    }

    /**
     * @param baseDir relative action directories are resolved against it
     * @param variables template keys without the {@code #} marks, e.g. {@code JACKAL_VAR_DOMAIN}
     * @param redactor hides sensitive values in echoed output and errors
     * @param selfCommand what {@code ./jackal } in a command becomes, e.g. {@code java -jar /opt/jackal.jar }
     * @param cluster waits for the cluster side of {@code wait} actions
     */
    public ActionRunner(
            EventHandler events,
            Path baseDir,
            Map<String, String> variables,
            Redactor redactor,
            String selfCommand,
            ClusterWaiter cluster) {
        this(events, baseDir, variables, redactor, selfCommand, cluster, PackageDialect.JACKAL);
    }

    /**
     * As the constructor above, for a package of {@code dialect}: a package built by Zarf writes {@code ./zarf } for
     * the deploying binary and gets {@code TF_VAR_x} from its {@code ZARF_VAR_X} variables.
     */
    public ActionRunner(
            EventHandler events,
            Path baseDir,
            Map<String, String> variables,
            Redactor redactor,
            String selfCommand,
            ClusterWaiter cluster,
            PackageDialect dialect) {
        this.events = events;
        this.dialect = dialect;
        this.baseDir = baseDir;
        this.variables = Map.copyOf(variables);
        this.redactor = redactor;
        this.selfCommand = selfCommand;
        this.waits = new WaitActions(this.variables, redactor, cluster, new NetworkWaiter(redactor.events(events)));
    }

    /**
     * Runs an action and returns the trimmed standard output of its command; a {@code wait} action returns
     * empty, as its {@code setVariables} are ignored.
     */
    public String run(Action action, ActionDefaults defaults) {
        if (action.waitFor() != null) {
            waits.run(action);
            return "";
        }
        ActionDefaults d = defaults == null ? new ActionDefaults(null, null, null, null, null, null) : defaults;
        String cmd = action.cmd().replace(dialect.selfCommand(), selfCommand);
        String shown = redactor.redact(action.description() != null ? action.description() : action.cmd());
        // output that becomes a sensitive variable is the secret itself: it is never echoed, muted or not
        boolean mute = (action.mute() != null ? action.mute() : Boolean.TRUE.equals(d.mute()))
                || action.setVariables().stream().anyMatch(v -> Boolean.TRUE.equals(v.sensitive()));
        int seconds = action.maxTotalSeconds() != null ? action.maxTotalSeconds() : orZero(d.maxTotalSeconds());
        int retries = action.maxRetries() != null ? action.maxRetries() : orZero(d.maxRetries());
        String dir = action.dir() != null ? action.dir() : d.dir();
        Path workDir = dir == null || dir.isEmpty() ? baseDir : baseDir.resolve(dir);
        List<String> env = new ArrayList<>(d.env());
        env.addAll(action.env());
        Shell shell = action.shell() != null ? action.shell() : d.shell();

        Instant deadline = seconds < 1 ? null : Instant.now().plusSeconds(seconds);
        long attempts = Math.max(1L, (long) retries + 1);
        String lastError = "";
        for (long attempt = 1; attempt <= attempts; attempt++) {
            events.info("running \"" + shown + "\"" + (attempt > 1 ? " (attempt " + attempt + ")" : ""));
            try {
                Attempt result = attempt(command(shell, cmd), env, workDir, mute, deadline);
                if (result.exitCode == 0) {
                    return result.output.strip();
                }
                lastError = "exit code " + result.exitCode;
            } catch (TimedOut e) {
                throw new ActionFailedException(
                        shown, "command \"" + shown + "\" timed out after " + seconds + " seconds");
            }
            if (deadline != null && Instant.now().isAfter(deadline)) {
                throw new ActionFailedException(
                        shown, "command \"" + shown + "\" timed out after " + seconds + " seconds");
            }
        }
        throw new ActionFailedException(
                shown, "command \"" + shown + "\" failed after " + retries + " retries (" + lastError + ")");
    }

    private record Attempt(int exitCode, String output) {}

    private static final class TimedOut extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private Attempt attempt(List<String> command, List<String> env, Path workDir, boolean mute, Instant deadline)
            throws TimedOut {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(false);
        builder.environment().putAll(environment(env));
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ActionFailedException(
                    command.get(0), "cannot start " + command.get(0) + " in " + workDir + ": " + e.getMessage());
        }
        StringBuilder captured = new StringBuilder();
        Thread reader = new Thread(() -> pump(process.getInputStream(), captured, mute), "action-stdout");
        Thread errors = new Thread(() -> pump(process.getErrorStream(), null, mute), "action-stderr");
        reader.setDaemon(true);
        errors.setDaemon(true);
        reader.start();
        errors.start();
        try {
            boolean done = deadline == null
                    ? process.waitFor(Long.MAX_VALUE, TimeUnit.DAYS)
                    : process.waitFor(
                            Math.max(
                                    0, Duration.between(Instant.now(), deadline).toMillis()),
                            TimeUnit.MILLISECONDS);
            if (!done) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new TimedOut();
            }
            reader.join(5000);
            errors.join(5000);
            synchronized (captured) {
                return new Attempt(process.exitValue(), captured.toString());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ActionFailedException(command.get(0), "interrupted");
        }
    }

    /**
     * Reads a stream line by line, captures it when {@code captured} is given, and echoes it (redacted) unless
     * muted: muted output is never shown, not even at debug level, as in Zarf.
     */
    private void pump(java.io.InputStream stream, StringBuilder captured, boolean mute) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (captured != null) {
                    synchronized (captured) {
                        if (captured.length() < MAX_CAPTURE) {
                            captured.append(line).append('\n');
                        }
                    }
                }
                if (!mute) {
                    events.info(redactor.redact(line));
                }
            }
        } catch (IOException e) {
            events.debug("action output ended: " + e.getMessage());
        }
    }

    private Map<String, String> environment(List<String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            env.put(variable.getKey(), variable.getValue());
            String key = variable.getKey().toLowerCase(Locale.ROOT);
            String prefix = dialect.envPrefix().toLowerCase(Locale.ROOT) + "var_";
            if (key.startsWith(prefix)) {
                env.put("TF_VAR_" + key.substring(prefix.length()), variable.getValue());
            }
        }
        for (String entry : extra) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }

    static List<String> command(Shell shell, String cmd) {
        String linux = shell == null || shell.linux() == null || shell.linux().isEmpty() ? "sh" : shell.linux();
        String name = Path.of(linux).getFileName().toString();
        if (name.equals("pwsh") || name.equals("powershell")) {
            return List.of(linux, "-Command", "$ErrorActionPreference = 'Stop'; " + cmd);
        }
        return List.of(linux, "-e", "-c", cmd);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
