package dev.jackal.deployer;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Go-style durations on the command line: {@code 90s}, {@code 15m}, {@code 1h30m}. */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(h|m|s|ms)");

    private Durations() {}

    static Duration parse(CommandLine commandLine, String option, String text) {
        Matcher matcher = PART.matcher(text.strip());
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            long n = Long.parseLong(matcher.group(1));
            total = total.plus(
                    switch (matcher.group(2)) {
                        case "h" -> Duration.ofHours(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "s" -> Duration.ofSeconds(n);
                        default -> Duration.ofMillis(n);
                    });
            end = matcher.end();
        }
        if (end == 0 || end != text.strip().length()) {
            throw new CommandLine.ParameterException(
                    commandLine,
                    "Invalid value for " + option + ": '" + text + "' (expected a duration such as 90s, 15m or 1h30m)");
        }
        return total;
    }
}
