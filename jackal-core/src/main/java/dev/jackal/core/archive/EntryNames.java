package dev.jackal.core.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks and normalises the relative paths found in archives and in checksums.txt. */
final class EntryNames {

    private EntryNames() {}

    /**
     * The clean form of {@code raw} ({@code a/b/c}: no empty, {@code .} or {@code ..} segments), or empty
     * for the archive root itself ({@code ./}).
     *
     * @throws IllegalArgumentException with the reason when the name is absolute, climbs out with
     *     {@code ..}, or holds a backslash or a control character
     */
    static Optional<String> normalise(String raw) {
        if (raw.startsWith("/")) {
            throw new IllegalArgumentException("absolute path");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException("control character in name");
            }
            if (c == '\\') {
                throw new IllegalArgumentException("backslash in name");
            }
        }
        List<String> segments = new ArrayList<>();
        for (String segment : raw.split("/")) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException("path climbs out with '..'");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments.isEmpty() ? Optional.empty() : Optional.of(String.join("/", segments));
    }
}
