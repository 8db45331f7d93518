package dev.jackal.core.archive;

import dev.jackal.core.archive.ChecksumException.Problem;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads checksums.txt line by line into path → digest, rejecting anything it cannot trust. */
final class ChecksumsFile {

    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_LINE = 64 * 1024;

    private ChecksumsFile() {}

    static Map<String, String> read(Path packageDir, Path file) throws IOException {
        Map<String, String> listed = new LinkedHashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            int lineNumber = 0;
            for (Optional<String> line = nextLine(in); line.isPresent(); line = nextLine(in)) {
                lineNumber++;
                if (!line.get().isEmpty()) {
                    parse(packageDir, line.get(), lineNumber, listed);
                }
            }
        } catch (LineTooLong e) {
            throw new ChecksumException(
                    packageDir, Problem.MALFORMED_LINE, null, 0, "checksums.txt has a line over 64 KiB");
        }
        return listed;
    }

    private static void parse(Path packageDir, String line, int number, Map<String, String> listed)
            throws ChecksumException {
        String[] fields = line.split(" ", -1);
        if (fields.length != 2) {
            throw malformed(packageDir, number, "expected '<sha256> <path>', found " + fields.length + " fields");
        }
        if (!DIGEST.matcher(fields[0]).matches()) {
            throw malformed(packageDir, number, "'" + fields[0] + "' is not a lower-case sha256 hex digest");
        }
        String path = fields[1];
        try {
            if (!EntryNames.normalise(path).orElse("").equals(path)) {
                throw malformed(packageDir, number, "'" + path + "' is not a clean relative path");
            }
        } catch (IllegalArgumentException e) {
            throw malformed(packageDir, number, "'" + path + "': " + e.getMessage());
        }
        if (listed.putIfAbsent(path, fields[0]) != null) {
            throw malformed(packageDir, number, "'" + path + "' is listed twice");
        }
    }

    private static ChecksumException malformed(Path packageDir, int number, String detail) {
        return new ChecksumException(
                packageDir, Problem.MALFORMED_LINE, null, number, "checksums.txt line " + number + ": " + detail);
    }

    /** The next line without its {@code \n}, or empty at the end of the stream. */
    private static Optional<String> nextLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b = in.read();
        if (b < 0) {
            return Optional.empty();
        }
        while (b >= 0 && b != '\n') {
            if (line.size() >= MAX_LINE) {
                throw new LineTooLong();
            }
            line.write(b);
            b = in.read();
        }
        return Optional.of(line.toString(StandardCharsets.UTF_8));
    }

    private static final class LineTooLong extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
