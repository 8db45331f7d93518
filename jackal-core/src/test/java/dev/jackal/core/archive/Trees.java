package dev.jackal.core.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/** Small helpers that build file trees for the archive tests. */
final class Trees {

    private Trees() {}

    static Path write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    static Path mode(Path path, String permissions) throws IOException {
        return Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }

    /** {@code size} bytes of seeded random data. */
    static Path random(Path root, String relative, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    /** A gzip stream of {@code size} random bytes: content that is already compressed. */
    static Path gzipped(Path root, String relative, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
        return file;
    }

    /** About {@code size} bytes of log-like text: compressible content. */
    static Path text(Path root, String relative, int size, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(size + 200);
        while (text.length() < size) {
            text.append("2026-11-22T05:")
                    .append(random.nextInt(60))
                    .append(" level=info component=web request=")
                    .append(random.nextInt(100_000))
                    .append(" status=200 path=/api/v1/items\n");
        }
        return write(root, relative, text.toString());
    }

    /** Every path below {@code root}, relative, sorted. */
    static List<String> listing(Path root) throws IOException {
        List<String> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root))
                    .forEach(p -> paths.add(root.relativize(p).toString()));
        }
        paths.sort(String::compareTo);
        return paths;
    }
}
