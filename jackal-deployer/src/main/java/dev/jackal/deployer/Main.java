package dev.jackal.deployer;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of {@code java -jar jackal-deployer.jar}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (see {@link ExitCodes}). */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        return JackalCommand.commandLine(args).setOut(out).setErr(err).execute(args);
    }

    private static int run(String... args) {
        return run(
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                args);
    }
}
