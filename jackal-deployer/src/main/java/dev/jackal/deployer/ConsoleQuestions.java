package dev.jackal.deployer;

import java.io.Console;

/** Questions the commands ask on the terminal. */
final class ConsoleQuestions {

    private ConsoleQuestions() {}

    /**
     * Asks a {@code [y/N]} question ({@code format} and {@code args} as for {@link Console#readLine(String,
     * Object...)}); true only for {@code y} or {@code yes} in any case, false for anything else or a closed terminal.
     */
    static boolean yes(Console console, String format, Object... args) {
        String answer = console.readLine(format, args);
        if (answer == null) {
            return false;
        }
        String trimmed = answer.strip();
        return trimmed.equalsIgnoreCase("y") || trimmed.equalsIgnoreCase("yes");
    }
}
