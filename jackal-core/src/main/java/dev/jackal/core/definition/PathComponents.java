package dev.jackal.core.definition;

import java.util.regex.Pattern;

/** Checks for values that become parts of file names or paths. */
public final class PathComponents {

    private static final Pattern SEGMENTS = Pattern.compile("[/\\\\]");

    private PathComponents() {}

    /** Whether {@code value} can be one file-name component: no separators, no {@code ..}, no controls. */
    public static boolean isClean(String value) {
        if (value.isEmpty()
                || value.equals(".")
                || value.equals("..")
                || value.contains("/")
                || value.contains("\\")
                || value.contains(" ")) {
            return false;
        }
        return value.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    /** Whether a path has a {@code ..} segment. */
    public static boolean hasParentSegment(String path) {
        for (String segment : SEGMENTS.split(path, -1)) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
