package dev.jackal.core.create;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Moves a finished package from the staging area into the output directory, so that the output
 * directory only ever holds complete files: each file appears by an atomic rename. A split package's
 * data parts are renamed first and its {@code .part000} (which a reader opens first) last, and
 * higher-numbered parts left by an earlier, larger build of the same name are removed. When the output
 * directory is on another file system, each file is first copied to a hidden {@code .<name>.<random>.partial}
 * next to its target, which the shutdown hook deletes should the run be stopped.
 */
final class OutputPublisher {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern PART = Pattern.compile("\\.part(\\d{3})");

    private OutputPublisher() {}

    /**
     * Publishes {@code staged} (one archive, or a {@code .part000} followed by its data parts) into
     * {@code outputDir} and returns the published files in the same order.
     */
    static List<Path> publish(StagingArea area, List<Path> staged, Path outputDir) throws IOException {
        List<Path> order = new ArrayList<>(staged.subList(1, staged.size()));
        order.add(staged.get(0));
        List<Path> targets = order.stream()
                .map(file -> outputDir.resolve(file.getFileName().toString()))
                .toList();
        if (!renameAll(area, order, targets)) {
            List<Path> copies = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                copies.add(copyNextTo(area, order.get(i), targets.get(i)));
            }
            renameAll(area, copies, targets);
        }
        if (staged.size() > 1) {
            removeLaterParts(staged.get(0), staged.size() - 1, outputDir);
        }
        List<Path> published = new ArrayList<>();
        published.add(targets.get(targets.size() - 1));
        published.addAll(targets.subList(0, targets.size() - 1));
        return published;
    }

    /** Renames every file onto its target; false (nothing renamed) when they are on different file systems. */
    private static boolean renameAll(StagingArea area, List<Path> sources, List<Path> targets) throws IOException {
        boolean[] sameFileSystem = {true};
        area.finishOutput(() -> {
            for (int i = 0; i < sources.size(); i++) {
                try {
                    Files.move(
                            sources.get(i),
                            targets.get(i),
                            StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    if (i > 0) {
                        throw e;
                    }
                    sameFileSystem[0] = false;
                    return;
                }
            }
        });
        return sameFileSystem[0];
    }

    private static Path copyNextTo(StagingArea area, Path source, Path target) throws IOException {
        Path temp = target.resolveSibling(
                "." + target.getFileName() + "." + HexFormat.of().formatHex(token()) + ".partial");
        area.beginOutput(temp);
        // opened without CREATE: if the run is stopped meanwhile, the hook's delete makes this fail
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            long size = in.size();
            for (long done = 0; done < size; ) {
                done += in.transferTo(done, size - done, out);
            }
        }
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(source));
        return temp;
    }

    private static byte[] token() {
        byte[] token = new byte[6];
        RANDOM.nextBytes(token);
        return token;
    }

    private static void removeLaterParts(Path part000, int dataParts, Path outputDir) throws IOException {
        String name = part000.getFileName().toString();
        String base = name.substring(0, name.length() - ".part000".length());
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(
                outputDir, p -> p.getFileName().toString().startsWith(base + ".part"))) {
            for (Path sibling : siblings) {
                var matcher = PART.matcher(sibling.getFileName().toString().substring(base.length()));
                if (matcher.matches() && Integer.parseInt(matcher.group(1)) > dataParts) {
                    Files.deleteIfExists(sibling);
                }
            }
        }
    }
}
