package dev.jackal.core.compose;

import dev.jackal.core.archive.ChecksumException;
import dev.jackal.core.archive.Checksums;
import dev.jackal.core.archive.ExtractOptions;
import dev.jackal.core.archive.SafeExtractor;
import dev.jackal.core.archive.Sha256;
import dev.jackal.core.archive.UnsafeEntryException;
import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.layout.Directories;
import dev.jackal.core.layout.PackageLayout;
import dev.jackal.core.model.JackalPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A skeleton package (spec §3.6) as composition reads it: an unpacked directory with the definition at the top and
 * each component's files under {@code components/<name>/}, where the definition's relative paths of that component
 * point. {@link #unpack} makes such a directory from a skeleton archive; an {@code import.path} may also name one.
 */
public final class SkeletonArchive {

    /** {@code build.architecture} (and {@code metadata.architecture}) of a skeleton. */
    public static final String ARCHITECTURE = "skeleton";

    /**
     * In an unpacked directory: the SHA-256 of the archive it came from, so an unchanged archive is not unpacked again.
     * It is written last, once the checksums are verified and every component is extracted, so a directory without it
     * is an interrupted unpack; its time is when those bytes were unpacked (an unchanged archive leaves it alone).
     */
    static final String SOURCE_MARKER = ".jackal-skeleton.sha256";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /**
     * A complete unpack of a skeleton archive.
     *
     * @param dir the unpacked directory
     * @param archiveSha256 the SHA-256 (hex) of the archive it came from
     * @param unpackedAt when those bytes were unpacked there
     */
    public record Unpacked(Path dir, String archiveSha256, Instant unpackedAt) {}

    private SkeletonArchive() {}

    /** Where a skeleton archive named by a path is unpacked when the front end has no better place. */
    static Path defaultDir(Path archive) {
        String key = archive.toAbsolutePath().normalize().toString();
        String hex;
        try {
            hex = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "jackal-skeletons", hex.substring(0, 16));
    }

    /** Whether {@code pkg} is the definition of a skeleton. */
    public static boolean isSkeleton(JackalPackage pkg) {
        return (pkg.build() != null && ARCHITECTURE.equals(pkg.build().architecture()))
                || (pkg.metadata() != null && ARCHITECTURE.equals(pkg.metadata().architecture()));
    }

    /** Where the paths of component {@code name} of an unpacked skeleton at {@code dir} are relative to. */
    public static Path componentDir(Path dir, String name) {
        return dir.resolve(PackageLayout.COMPONENTS).resolve(name);
    }

    /**
     * The complete unpack at {@code dir}, read from its marker; empty when {@code dir} was never unpacked into or its
     * unpack was interrupted. Nothing is verified again: the marker is only written after verification.
     */
    public static Optional<Unpacked> unpacked(Path dir) {
        Path marker = dir.resolve(SOURCE_MARKER);
        try {
            if (!Files.isRegularFile(marker)) {
                return Optional.empty();
            }
            String digest = Files.readString(marker, StandardCharsets.UTF_8).strip();
            if (!SHA256_HEX.matcher(digest).matches()) {
                return Optional.empty();
            }
            return Optional.of(
                    new Unpacked(dir, digest, Files.getLastModifiedTime(marker).toInstant()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + marker + ": " + e.getMessage(), e);
        }
    }

    /**
     * Unpacks the skeleton {@code archive} into {@code dir} (replacing what was there unless it came from the same
     * bytes): the archive is extracted safely, its checksums are verified, and each component's tar is extracted next
     * to it.
     *
     * @param source how the user named the skeleton (coordinates, path), for messages
     * @throws SkeletonImportException when the archive is damaged or is not a skeleton
     */
    public static Path unpack(Path archive, Path dir, String source) {
        try {
            String digest = Sha256.of(archive);
            Path marker = dir.resolve(SOURCE_MARKER);
            if (Files.isRegularFile(marker)
                    && digest.equals(
                            Files.readString(marker, StandardCharsets.UTF_8).strip())) {
                return dir;
            }
            Directories.delete(dir);
            SafeExtractor.extract(archive, dir, ExtractOptions.defaults());
            Files.deleteIfExists(marker); // only this method's verified unpack writes one
            PackageLayout layout = new PackageLayout(dir);
            if (!Files.isRegularFile(layout.definition())) {
                throw new SkeletonImportException(
                        source, source + " (" + archive + ") is not a jackal package: it has no jackal.yaml");
            }
            JackalPackage pkg = DefinitionReader.read(layout.definition(), DefinitionReader.Strictness.LENIENT)
                    .pkg();
            if (!isSkeleton(pkg)) {
                throw new SkeletonImportException(
                        source,
                        source + " (" + archive + ") is a package for "
                                + (pkg.build() == null ? "?" : pkg.build().architecture())
                                + ", not a skeleton; depend on its skeleton (classifier skeleton, made by jackal:skeleton)");
            }
            Checksums.verify(dir, pkg.metadata().aggregateChecksum());
            if (Files.isDirectory(layout.componentsDir())) {
                List<Path> tars;
                try (Stream<Path> list = Files.list(layout.componentsDir())) {
                    tars = list.filter(p -> p.getFileName().toString().endsWith(".tar"))
                            .sorted()
                            .toList();
                }
                for (Path tar : tars) {
                    SafeExtractor.extract(tar, layout.componentsDir(), ExtractOptions.defaults());
                }
            }
            Path written =
                    Files.writeString(dir.resolve(SOURCE_MARKER + ".tmp"), digest + "\n", StandardCharsets.UTF_8);
            Files.move(written, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return dir;
        } catch (ChecksumException | UnsafeEntryException e) {
            throw new SkeletonImportException(source, source + " (" + archive + ") is damaged: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + archive + " into " + dir + ": " + e.getMessage(), e);
        }
    }
}
