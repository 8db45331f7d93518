package dev.jackal.deployer;

import dev.jackal.core.JackalException;
import dev.jackal.core.OfflineException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps failures to messages in one place: a user error prints its message (no stack trace) and exits 1;
 * an unexpected error prints its type too, and the stack trace only with {@code --log-level debug}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof CommandLine.ParameterException parameter) {
            err.println(parameter.getMessage());
            parameter.getCommandLine().usage(err);
            return ExitCodes.USAGE;
        }
        if (e instanceof OfflineException) {
            err.println("ERROR: " + e.getMessage() + ": run the same package create once without --offline to fill"
                    + " the cache");
        } else if (isUserError(e)) {
            err.println("ERROR: " + e.getMessage());
        } else {
            err.println("ERROR: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            if (debug(parseResult)) {
                e.printStackTrace(err);
            } else {
                err.println("(run with --log-level debug for details)");
            }
        }
        err.flush();
        return ExitCodes.FAILURE;
    }

    /**
     * A user error is one the user can act on from its message alone: every {@link JackalException} (core's and the
     * engine's), a bad option, and an I/O failure on a file the user named.
     */
    static boolean isUserError(Throwable e) {
        return e instanceof JackalException || e instanceof UncheckedIOException;
    }

    private static boolean debug(ParseResult parseResult) {
        ParseResult current = parseResult;
        while (current != null) {
            if (current.hasMatchedOption("--log-level")) {
                String level = current.matchedOptionValue("--log-level", "info");
                return level.equalsIgnoreCase("debug") || level.equalsIgnoreCase("trace");
            }
            current = current.subcommand();
        }
        return false;
    }
}
