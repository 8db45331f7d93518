package dev.jackal.maven;

import dev.jackal.core.create.SourceDateEpoch;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The package's {@code build.timestamp}: Maven's {@code project.build.outputTimestamp} when set, else the
 * environment's {@code SOURCE_DATE_EPOCH}, else none (the time of the build). Either one makes the archive
 * byte-for-byte reproducible.
 */
final class BuildTime {

    private BuildTime() {}

    /**
     * @param outputTimestamp {@code project.build.outputTimestamp} as Maven's plugins read it: ISO-8601 with an
     *     offset ({@code 2026-01-01T00:00:00Z}) or whole seconds since the epoch; a value of one character (Maven's
     *     way to switch an inherited one off) counts as unset
     * @param sourceDateEpoch the {@code SOURCE_DATE_EPOCH} environment variable, or null
     */
    static Optional<Instant> of(String outputTimestamp, String sourceDateEpoch) {
        String value = outputTimestamp == null ? "" : outputTimestamp.strip();
        if (value.matches("\\d+")) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(value)));
        }
        if (value.length() < 2) {
            return SourceDateEpoch.parse(sourceDateEpoch);
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant().truncatedTo(ChronoUnit.SECONDS));
        } catch (DateTimeParseException e) {
            throw new SourceDateEpoch.InvalidTimestampException(
                    PropertyNames.OUTPUT_TIMESTAMP,
                    outputTimestamp,
                    "<" + PropertyNames.OUTPUT_TIMESTAMP + ">" + outputTimestamp + "</" + PropertyNames.OUTPUT_TIMESTAMP
                            + "> is neither an ISO-8601 time with an offset (2026-01-01T00:00:00Z) nor whole seconds"
                            + " since 1970-01-01T00:00:00Z");
        }
    }
}
