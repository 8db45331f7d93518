package dev.jackal.core.archive;

import dev.jackal.core.archive.ChecksumException.Problem;
import dev.jackal.core.archive.SafeExtractor.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The checks {@link PackageExtractor} adds to an extraction, entry by entry (see there). */
final class ChecksumGate implements SafeExtractor.EntryListener {

    private final Path archive;
    private final Path packageDir;
    private final Map<String, Set<String>> definitions;
    private final Set<String> metadata;
    /** Signature files seen; they must belong to the definition the package turns out to have. */
    private final Set<String> signatures = new HashSet<>();

    private String definitionName;
    private final PackageExtractor.DefinitionCheck check;
    private final Map<String, MessageDigest> digests = new HashMap<>();
    /** Files hashed before checksums.txt was seen, checked once it is. */
    private final Map<String, String> early = new LinkedHashMap<>();

    private Map<String, String> listed;
    private String listedAggregate;
    private String expectedAggregate;
    private long budget = PackageExtractor.MAX_BYTES_BEFORE_CHECKSUMS;
    private final Set<String> present = new HashSet<>();

    /**
     * @param definitions the names a definition may have at the root (one per dialect), each with the signature files
     *     that may sit beside it, never listed in checksums.txt; a package has one definition
     */
    ChecksumGate(
            Path archive,
            Path packageDir,
            Map<String, Set<String>> definitions,
            PackageExtractor.DefinitionCheck check) {
        this.archive = archive;
        this.packageDir = packageDir;
        this.definitions = Map.copyOf(definitions);
        Set<String> names = new HashSet<>(definitions.keySet());
        definitions.values().forEach(names::addAll);
        names.add(LayoutNames.CHECKSUMS);
        this.metadata = Set.copyOf(names);
        this.check = check;
    }

    @Override
    public void before(String entry, String name, Kind kind, long size) throws IOException {
        if (kind == Kind.SYMLINK) {
            throw new UnsafeEntryException(archive, entry, "a package holds no symbolic links");
        }
        if (kind != Kind.FILE) {
            return;
        }
        if (metadata.contains(name) || listed == null) {
            if (size > budget) {
                throw new UnsafeEntryException(
                        archive,
                        entry,
                        size + " bytes before " + LayoutNames.CHECKSUMS + " is over the limit of "
                                + PackageExtractor.MAX_BYTES_BEFORE_CHECKSUMS
                                + " (the definition and checksums.txt come first in a package)");
            }
            budget -= size;
        } else if (!listed.containsKey(name)) {
            throw unlisted(name);
        }
    }

    @Override
    public InputStream content(String name, InputStream content) {
        if (metadata.contains(name)) {
            return content;
        }
        MessageDigest digest = Sha256.newDigest();
        digests.put(name, digest);
        return new DigestInputStream(content, digest);
    }

    @Override
    public void after(String name, Path path) throws IOException {
        if (name.equals(LayoutNames.CHECKSUMS)) {
            listedAggregate = Sha256.of(path);
            compareAggregate();
            listed = ChecksumsFile.read(packageDir, path);
            for (Map.Entry<String, String> file : early.entrySet()) {
                compare(file.getKey(), file.getValue());
            }
        } else if (definitions.containsKey(name)) {
            if (definitionName != null) {
                throw new UnsafeEntryException(
                        archive,
                        name,
                        "the package has both " + definitionName + " and " + name
                                + "; a package has one definition, so this one was altered");
            }
            definitionName = name;
            expectedAggregate = check.check(path);
            compareAggregate();
        } else if (metadata.contains(name)) {
            signatures.add(name);
        } else {
            String actual = HexFormat.of().formatHex(digests.remove(name).digest());
            if (listed == null) {
                early.put(name, actual);
            } else {
                compare(name, actual);
            }
        }
    }

    /** After the last entry: the definition and checksums.txt were there and every listed file was too. */
    void finish() throws IOException {
        if (expectedAggregate == null) {
            String names = String.join(" or ", new TreeSet<>(definitions.keySet()));
            throw new ChecksumException(packageDir, Problem.MISSING_FILE, names, 0, names + " is missing");
        }
        for (String signature : new TreeSet<>(signatures)) {
            if (!definitions.get(definitionName).contains(signature)) {
                throw unlisted(signature);
            }
        }
        if (listed == null) {
            throw new ChecksumException(
                    packageDir, Problem.MISSING_FILE, LayoutNames.CHECKSUMS, 0, "checksums.txt is missing");
        }
        for (String name : listed.keySet()) {
            if (!present.contains(name)) {
                throw new ChecksumException(
                        packageDir, Problem.MISSING_FILE, name, 0, name + " is listed in checksums.txt but missing");
            }
        }
    }

    private void compareAggregate() throws ChecksumException {
        if (listedAggregate != null
                && expectedAggregate != null
                && !listedAggregate.equalsIgnoreCase(expectedAggregate)) {
            throw ChecksumException.aggregateMismatch(packageDir, listedAggregate, expectedAggregate);
        }
    }

    private void compare(String name, String actual) throws ChecksumException {
        String expected = listed.get(name);
        if (expected == null) {
            throw unlisted(name);
        }
        if (!expected.equals(actual)) {
            throw ChecksumException.digestMismatch(packageDir, name, actual, expected);
        }
        present.add(name);
    }

    private ChecksumException unlisted(String name) {
        return new ChecksumException(
                packageDir,
                Problem.UNLISTED_FILE,
                name,
                0,
                name + " is in the package but not in checksums.txt; it was refused before it was extracted");
    }
}
