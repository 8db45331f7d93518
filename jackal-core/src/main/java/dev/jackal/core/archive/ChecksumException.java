package dev.jackal.core.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** A package directory does not match its {@code checksums.txt}; names the file or line at fault. */
public final class ChecksumException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Problem {
        /** sha256 of checksums.txt differs from the aggregate checksum in the definition. */
        AGGREGATE_MISMATCH,
        /** A listed file is absent (or not a regular file). */
        MISSING_FILE,
        /** A listed file's content does not hash to the listed value. */
        DIGEST_MISMATCH,
        /** A file is present in the package but not listed. */
        UNLISTED_FILE,
        /** A line of checksums.txt cannot be read. */
        MALFORMED_LINE
    }

    private final Problem problem;
    private final String path;
    private final int line;
    private final String detail;
    private final transient Path packageDir;

    ChecksumException(Path packageDir, Problem problem, String path, int line, String message) {
        super(packageDir + ": " + message);
        this.detail = message;
        this.packageDir = packageDir;
        this.problem = problem;
        this.path = path;
        this.line = line;
    }

    /** checksums.txt does not hash to the aggregate checksum the definition expects. */
    static ChecksumException aggregateMismatch(Path packageDir, String actual, String expected) {
        return new ChecksumException(
                packageDir,
                Problem.AGGREGATE_MISMATCH,
                LayoutNames.CHECKSUMS,
                0,
                "checksums.txt has sha256 " + actual + " but the package expects " + expected);
    }

    /** A listed file's content hashes to {@code actual}, not to the {@code expected} value checksums.txt lists. */
    static ChecksumException digestMismatch(Path packageDir, String name, String actual, String expected) {
        return new ChecksumException(
                packageDir,
                Problem.DIGEST_MISMATCH,
                name,
                0,
                name + " has sha256 " + actual + " but checksums.txt lists " + expected);
    }

    /** The message without the package directory, e.g. {@code images/index.json is listed in checksums.txt but missing}. */
    public String detail() {
        return detail;
    }

    public Problem problem() {
        return problem;
    }

    /** The package-relative path at fault (forward slashes), when the problem is about one file. */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    /** The 1-based line of checksums.txt at fault, or 0. */
    public int line() {
        return line;
    }

    public Path packageDir() {
        return packageDir;
    }
}
