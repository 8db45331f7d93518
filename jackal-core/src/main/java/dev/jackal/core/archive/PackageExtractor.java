package dev.jackal.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * Extracts a package archive (spec §2.2) as hostile input and verifies it while it streams, so that nothing
 * unexpected is ever written in full. On top of {@link SafeExtractor}'s rules:
 *
 * <ul>
 *   <li>the definition is handed to a {@link DefinitionCheck} as soon as it has been extracted (package create writes
 *       it first), which may refuse the package before anything else is written;
 *   <li>once {@code checksums.txt} has been read, a file it does not list is refused on sight, before any of its bytes
 *       are written, and every listed file is hashed as it is written and refused at its end when it differs;
 *   <li>before {@code checksums.txt} (create writes it right after the definition; Zarf's lexical order has it
 *       first too) at most {@link #MAX_BYTES_BEFORE_CHECKSUMS} bytes may be written, judged from the headers;
 *   <li>symbolic links are refused (a package holds none);
 *   <li>at the end the aggregate checksum from the definition must match {@code checksums.txt} and every listed file
 *       must have been present.
 * </ul>
 */
public final class PackageExtractor {

    /** What may be written before {@code checksums.txt} has been seen: the definition, its signature, a little more. */
    public static final long MAX_BYTES_BEFORE_CHECKSUMS = 64L << 20;

    /** Reads the extracted definition and decides whether to go on. */
    @FunctionalInterface
    public interface DefinitionCheck {
        /**
         * Checks the definition just written to {@code file}; throws to refuse the package.
         *
         * @return the definition's {@code metadata.aggregateChecksum}
         */
        String check(Path file) throws IOException;
    }

    private PackageExtractor() {}

    /**
     * Extracts the archive read from {@code in} (tar, tar.zst or tgz) into {@code destination}; {@code in} stays open.
     *
     * @param archive names the archive in messages
     * @param definitionName the definition's file name at the archive root ({@code jackal.yaml})
     * @throws ChecksumException when a file differs from its listing, is missing, or is not listed
     * @throws UnsafeEntryException when an entry is unsafe or comes unannounced
     */
    public static ExtractResult extract(
            InputStream in, Path archive, Path destination, String definitionName, DefinitionCheck check)
            throws IOException {
        return extract(in, archive, destination, Map.of(definitionName, Set.of(definitionName + ".sig")), check);
    }

    /**
     * Extracts like {@link #extract(InputStream, Path, Path, String, DefinitionCheck)} a package whose definition may
     * have any of the names in {@code definitions} (one per dialect: {@code jackal.yaml}, {@code zarf.yaml}); the
     * check sees the one the archive has, and an archive with two is refused.
     *
     * @param definitions each definition name with the signature files that may sit beside it (never listed in
     *     checksums.txt); another definition's signature file is an unlisted file
     */
    public static ExtractResult extract(
            InputStream in, Path archive, Path destination, Map<String, Set<String>> definitions, DefinitionCheck check)
            throws IOException {
        ChecksumGate gate = new ChecksumGate(archive, destination, definitions, check);
        ExtractResult result;
        try (TarArchiveInputStream tar = TarInput.open(CloseShieldInputStream.wrap(in))) {
            result = SafeExtractor.extract(tar, archive, destination, ExtractOptions.defaults(), gate);
        }
        gate.finish();
        return result;
    }
}
