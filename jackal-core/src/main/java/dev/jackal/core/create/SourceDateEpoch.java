package dev.jackal.core.create;

import dev.jackal.core.JackalException;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code SOURCE_DATE_EPOCH} convention of reproducible-builds.org: whole seconds since 1970-01-01T00:00:00Z that
 * a build writes instead of the time it runs. A front end reads the variable and passes its value here; the result
 * becomes {@link CreateOptions#timestamp()}.
 */
public final class SourceDateEpoch {

    /** The environment variable. */
    public static final String VARIABLE = "SOURCE_DATE_EPOCH";

    private SourceDateEpoch() {}

    /**
     * The instant of {@code value}: empty when the variable is unset or blank; otherwise it must be a
     * non-negative whole number of seconds.
     *
     * @throws InvalidTimestampException when {@code value} is set but not a number of seconds
     */
    public static Optional<Instant> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String seconds = value.strip();
        if (!seconds.matches("\\d{1,18}")) {
            throw new InvalidTimestampException(
                    VARIABLE,
                    value,
                    VARIABLE + "=" + value + " is not a number of seconds since 1970-01-01T00:00:00Z;"
                            + " set it to e.g. $(git log -1 --format=%ct) or unset it");
        }
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(seconds)));
    }

    /** A build time that cannot be read; names where it came from and the value. */
    public static final class InvalidTimestampException extends JackalException {
        private static final long serialVersionUID = 1L;

        private final String source;
        private final String value;

        public InvalidTimestampException(String source, String value, String message) {
            super(message);
            this.source = source;
            this.value = value;
        }

        /** The variable or property the value came from. */
        public String source() {
            return source;
        }

        public String value() {
            return value;
        }
    }
}
