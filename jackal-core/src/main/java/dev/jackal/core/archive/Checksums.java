package dev.jackal.core.archive;

import dev.jackal.core.archive.ChecksumException.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code checksums.txt} and the aggregate checksum of a package directory (spec §2.6). Every file except
 * the root {@code jackal.yaml}, {@code checksums.txt} and {@code jackal.yaml.sig} gets one line
 * {@code <sha256-hex> <relative/path>}; lines are sorted byte-wise and each ends with {@code \n}. The
 * aggregate checksum is the sha256 of those bytes. Files are hashed in chunks, never read whole.
 */
public final class Checksums {

    /** The file's name at the package root. */
    public static final String FILE_NAME = LayoutNames.CHECKSUMS;

    private Checksums() {}

    /** The checksums.txt content for {@code packageDir} as it is now. */
    public static String render(Path packageDir) throws IOException {
        return render(packageDir, Map.of());
    }

    /**
     * The checksums.txt content for {@code packageDir}, taking the SHA-256 of each file named in {@code knownDigests}
     * (package-relative path with {@code /} separators, to lowercase hex) from there instead of reading the file. Only
     * for files whose content was checked against that digest as it was written, such as the blobs of an OCI layout.
     */
    public static String render(Path packageDir, Map<String, String> knownDigests) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        for (SourceEntry file : listedFiles(packageDir)) {
            if (file.name().contains(" ")) {
                throw new FileSystemException(
                        file.path().toString(), null, "a space in a package path cannot be listed in checksums.txt");
            }
            String known = knownDigests.get(file.name());
            String sha256 = known != null ? known : Sha256.of(file.path());
            lines.add((sha256 + " " + file.name()).getBytes(StandardCharsets.UTF_8));
        }
        lines.sort(Arrays::compareUnsigned);
        StringBuilder content = new StringBuilder();
        for (byte[] line : lines) {
            content.append(new String(line, StandardCharsets.UTF_8)).append('\n');
        }
        return content.toString();
    }

    /** Writes {@code checksums.txt} into {@code packageDir} and returns the aggregate checksum. */
    public static String write(Path packageDir) throws IOException {
        return write(packageDir, Map.of());
    }

    /** As {@link #write(Path)}, with digests known beforehand; see {@link #render(Path, Map)}. */
    public static String write(Path packageDir, Map<String, String> knownDigests) throws IOException {
        byte[] content = render(packageDir, knownDigests).getBytes(StandardCharsets.UTF_8);
        Files.write(packageDir.resolve(FILE_NAME), content);
        return Sha256.of(content);
    }

    /** The aggregate checksum: sha256 hex of the checksums.txt file's bytes. */
    public static String aggregate(Path checksumsFile) throws IOException {
        return Sha256.of(checksumsFile);
    }

    /** Verifies every file of {@code packageDir}; see {@link #verify(Path, String, Predicate)}. */
    public static void verify(Path packageDir, String expectedAggregate) throws IOException {
        verify(packageDir, expectedAggregate, path -> true);
    }

    /**
     * Verifies {@code packageDir} against its checksums.txt and {@code expectedAggregate}: the aggregate
     * must match; every listed file must exist and match, except that a listed file for which
     * {@code required} is false may be absent (a partial load); no file may exist unlisted.
     *
     * @throws ChecksumException naming the file or line at fault
     */
    public static void verify(Path packageDir, String expectedAggregate, Predicate<String> required)
            throws IOException {
        Path checksums = packageDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(checksums, LinkOption.NOFOLLOW_LINKS)) {
            throw new ChecksumException(packageDir, Problem.MISSING_FILE, FILE_NAME, 0, "checksums.txt is missing");
        }
        String actualAggregate = aggregate(checksums);
        if (!actualAggregate.equalsIgnoreCase(expectedAggregate)) {
            throw ChecksumException.aggregateMismatch(packageDir, actualAggregate, expectedAggregate);
        }
        Map<String, String> listed = ChecksumsFile.read(packageDir, checksums);
        checkNothingUnlisted(packageDir, listed);
        for (Map.Entry<String, String> line : listed.entrySet()) {
            verifyFile(packageDir, line.getKey(), line.getValue(), required.test(line.getKey()));
        }
    }

    private static void checkNothingUnlisted(Path packageDir, Map<String, String> listed) throws IOException {
        for (SourceEntry entry : TreeWalker.walk(packageDir, "")) {
            boolean unlisted = entry.kind() == SourceEntry.Kind.SYMLINK
                    || (entry.kind() == SourceEntry.Kind.FILE
                            && !LayoutNames.METADATA.contains(entry.name())
                            && !listed.containsKey(entry.name()));
            if (unlisted) {
                throw new ChecksumException(
                        packageDir,
                        Problem.UNLISTED_FILE,
                        entry.name(),
                        0,
                        entry.name() + " is in the package but not in checksums.txt");
            }
        }
    }

    private static void verifyFile(Path packageDir, String name, String expected, boolean required) throws IOException {
        Path file = packageDir.resolve(name);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            if (!required && Files.notExists(file, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            throw new ChecksumException(
                    packageDir, Problem.MISSING_FILE, name, 0, name + " is listed in checksums.txt but missing");
        }
        String actual = Sha256.of(file);
        if (!actual.equals(expected)) {
            throw ChecksumException.digestMismatch(packageDir, name, actual, expected);
        }
    }

    private static List<SourceEntry> listedFiles(Path packageDir) throws IOException {
        List<SourceEntry> files = new ArrayList<>();
        for (SourceEntry entry : TreeWalker.walk(packageDir, "")) {
            if (entry.kind() == SourceEntry.Kind.SYMLINK) {
                throw new FileSystemException(entry.path().toString(), null, "a package holds no symbolic links");
            }
            if (entry.kind() == SourceEntry.Kind.FILE && !LayoutNames.METADATA.contains(entry.name())) {
                files.add(entry);
            }
        }
        return files;
    }
}
