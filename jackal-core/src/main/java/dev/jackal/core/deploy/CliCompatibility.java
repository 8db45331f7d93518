package dev.jackal.core.deploy;

import dev.jackal.core.JackalVersion;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.model.JackalPackage;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deploy-time check of {@code build.lastNonBreakingVersion} against the running jackal (spec §6.1 step 3):
 * an older jackal gets a warning, never an error.
 */
public final class CliCompatibility {

    private static final Pattern SEMVER =
            Pattern.compile("v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-([0-9A-Za-z.-]+))?(?:\\+.*)?");

    private CliCompatibility() {}

    /**
     * The warning to show, if any; none for a development build of jackal (as Zarf skips the check for its own), and
     * none for a package built by Zarf, whose {@code lastNonBreakingVersion} is a Zarf version that says nothing
     * about jackal's.
     */
    public static Optional<String> warning(JackalPackage pkg, String cliVersion) {
        String needed = pkg.build() == null ? null : pkg.build().lastNonBreakingVersion();
        if (needed == null
                || needed.isBlank()
                || JackalVersion.isDevelopment(cliVersion)
                || PackageDialect.of(pkg) != PackageDialect.JACKAL) {
            return Optional.empty();
        }
        Matcher required = SEMVER.matcher(needed.strip());
        if (!required.matches()) {
            return Optional.of(
                    "the package's build.lastNonBreakingVersion '" + needed + "' is not a version; it was ignored");
        }
        Matcher running = SEMVER.matcher(cliVersion.strip());
        if (!running.matches()) {
            return Optional.of("the version of this jackal, '" + cliVersion + "', is not a semantic version; the"
                    + " package's lastNonBreakingVersion " + needed + " was not checked");
        }
        if (compare(running, required) < 0) {
            return Optional.of("the version of this jackal '" + cliVersion + "' is less than the package's"
                    + " lastNonBreakingVersion '" + needed + "'. You may need to upgrade jackal to at least '" + needed
                    + "' to deploy this package");
        }
        return Optional.empty();
    }

    /** Semantic-version order: numbers first; a pre-release sorts before its release. */
    static int compare(Matcher a, Matcher b) {
        for (int group = 1; group <= 3; group++) {
            int c = Long.compare(number(a.group(group)), number(b.group(group)));
            if (c != 0) {
                return c;
            }
        }
        String preA = a.group(4);
        String preB = b.group(4);
        if (preA == null || preB == null) {
            return preA == null ? (preB == null ? 0 : 1) : -1;
        }
        return comparePreRelease(preA, preB);
    }

    private static int comparePreRelease(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            boolean leftNumeric = left[i].matches("\\d+");
            boolean rightNumeric = right[i].matches("\\d+");
            int c;
            if (leftNumeric && rightNumeric) {
                c = Long.compare(Long.parseLong(left[i]), Long.parseLong(right[i]));
            } else if (leftNumeric != rightNumeric) {
                c = leftNumeric ? -1 : 1;
            } else {
                c = left[i].compareTo(right[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.length, right.length);
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
