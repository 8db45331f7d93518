package dev.jackal.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Splits a package archive into {@code .part001…} files of a fixed size with a {@code .part000}
 * {@link SplitMetadata} (spec §2.8), and reads them back as one stream ({@link SplitInput}). Both stream the bytes and
 * hash on the way. Reading never joins the parts on disk nor removes them (unlike Zarf), so split packages on
 * read-only media work and several readers can share one.
 */
public final class SplitArchive {

    /** Most data parts a package may be split into. */
    public static final int MAX_PARTS = 999;

    private static final Pattern PART = Pattern.compile("\\.part\\d{3}");
    private static final int CHUNK = 1 << 20;

    private SplitArchive() {}

    /**
     * Splits {@code archive} into parts of {@code maxPackageSizeMb × 1,000,000} bytes when it is larger,
     * deletes it and returns the {@code .part000}; otherwise leaves it alone and returns empty.
     */
    public static Optional<Path> split(Path archive, long maxPackageSizeMb) throws IOException {
        long size = Files.size(archive);
        if (maxPackageSizeMb <= 0 || size <= maxPackageSizeMb * 1_000_000L) {
            return Optional.empty();
        }
        long partSize = maxPackageSizeMb * 1_000_000L;
        long count = (size + partSize - 1) / partSize;
        if (count > MAX_PARTS) {
            throw new SplitArchiveException(
                    archive,
                    "splitting " + size + " bytes into " + maxPackageSizeMb + " MB parts needs " + count
                            + " parts, over the limit of " + MAX_PARTS + "; choose a larger --max-package-size");
        }
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = Files.newInputStream(archive)) {
            for (int part = 1; part <= count; part++) {
                long remaining = Math.min(partSize, size - (part - 1) * partSize);
                try (OutputStream out = Files.newOutputStream(partPath(archive, part))) {
                    while (remaining > 0) {
                        int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                        if (read < 0) {
                            throw new SplitArchiveException(archive, "changed size while being split");
                        }
                        digest.update(buffer, 0, read);
                        out.write(buffer, 0, read);
                        remaining -= read;
                    }
                }
            }
        }
        SplitMetadata metadata = new SplitMetadata(HexFormat.of().formatHex(digest.digest()), size, (int) count);
        Path part000 = partPath(archive, 0);
        Files.writeString(part000, metadata.toJson(), StandardCharsets.UTF_8);
        Files.delete(archive);
        return Optional.of(part000);
    }

    /**
     * Opens the parts next to {@code part000} as one stream, after checking that they are all there and that the
     * metadata names {@code expectedSha256} when it is given. Nothing is written or removed; call
     * {@link SplitInput#verify()} once the stream has been consumed.
     */
    public static SplitInput open(Path part000, Optional<String> expectedSha256) throws IOException {
        String fileName = part000.getFileName().toString();
        if (!fileName.endsWith(".part000")) {
            throw new SplitArchiveException(part000, "the metadata part of a split package ends with .part000");
        }
        SplitMetadata metadata = SplitMetadata.read(part000);
        if (expectedSha256.isPresent() && !expectedSha256.get().equalsIgnoreCase(metadata.sha256Sum())) {
            throw new SplitArchiveException(
                    part000, "the package has sha256 " + metadata.sha256Sum() + ", not " + expectedSha256.get());
        }
        Path archive = part000.resolveSibling(fileName.substring(0, fileName.length() - ".part000".length()));
        return new SplitInput(part000, metadata, dataParts(archive, metadata.count()));
    }

    static Path partPath(Path archive, int index) {
        return archive.resolveSibling(archive.getFileName() + String.format(".part%03d", index));
    }

    private static List<Path> dataParts(Path archive, int count) throws IOException {
        String base = archive.getFileName().toString();
        List<Path> found = new ArrayList<>();
        try (Stream<Path> siblings = Files.list(archive.toAbsolutePath().getParent())) {
            siblings.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith(base)
                                && PART.matcher(name.substring(base.length())).matches();
                    })
                    .sorted()
                    .forEach(found::add);
        }
        if (found.size() - 1 != count) {
            throw new SplitArchiveException(
                    archive, "the metadata lists " + count + " parts but " + (found.size() - 1) + " are present");
        }
        List<Path> parts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Path expected = partPath(archive, i);
            if (!Files.isRegularFile(expected)) {
                throw new SplitArchiveException(expected, "part " + i + " of " + count + " is missing");
            }
            parts.add(expected);
        }
        return parts;
    }
}
