package dev.jackal.core.yaml;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which strings the YAML writer may leave unquoted: only those that every YAML reader takes as the same
 * string. A plain scalar is typed by the reader's schema, and the schemas disagree (YAML 1.1 reads
 * {@code 1.10} as the number 1.1, {@code 0x1F} as 31, {@code 017} as 15, {@code 12:30} as 750,
 * {@code 2001-12-14} as a date, {@code on}/{@code y} as booleans; YAML 1.2 reads {@code 0o17} as 15). So a
 * string stays plain only if it starts with a letter or {@code /}, holds nothing but letters, digits, single inner spaces
 * and {@code _ . / @ + : -}, and is not one of the words some schema gives another type. Everything else is
 * double-quoted, which every reader takes as a string.
 */
public final class SafeQuoting extends StringQuotingChecker {
    private static final long serialVersionUID = 1L;

    /** The checker; stateless. */
    public static final SafeQuoting INSTANCE = new SafeQuoting();

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z/][A-Za-z0-9_./@+:-]*(?: [A-Za-z0-9_./@+:-]+)*");

    /** Booleans and nulls of YAML 1.1 and 1.2 in any case (YAML 1.1's list is case-sensitive; this is wider). */
    private static final Set<String> WORDS = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

    private SafeQuoting() {}

    @Override
    public boolean needToQuoteName(String name) {
        return needToQuoteValue(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
        return !PLAIN.matcher(value).matches()
                || WORDS.contains(value.toLowerCase(Locale.ROOT))
                || value.endsWith(":")
                || value.contains(": ");
    }
}
