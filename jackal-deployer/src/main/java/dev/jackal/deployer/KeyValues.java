package dev.jackal.deployer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Turns repeated {@code KEY=value} options into a map, refusing entries without {@code =}. */
final class KeyValues {

    private KeyValues() {}

    static Map<String, String> parse(CommandLine commandLine, String option, List<String> entries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new CommandLine.ParameterException(
                        commandLine, "Invalid value for " + option + ": '" + entry + "' (expected KEY=value)");
            }
            map.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return map;
    }
}
