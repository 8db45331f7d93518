package dev.jackal.core.create;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Copies a directory source (files, manifests, chart directories) into the build. A symbolic link in it
 * stays a link when its target is relative and stays inside the copied directory (as the package will
 * hold it); a link to a regular file elsewhere inside the package directory is replaced by a copy of
 * that file; any other link (out of the package directory, to a directory outside the copied one,
 * absolute into it, or dangling out of it) is refused with a {@link SourceLinkException} naming it.
 */
final class SourceTreeCopier {

    private SourceTreeCopier() {}

    /** Copies {@code from} to {@code to}; links may reach regular files anywhere below {@code packageRoot}. */
    static void copy(Path from, Path to, Path packageRoot) throws IOException {
        Path source = from.toAbsolutePath().normalize();
        Path realSource = source.toRealPath();
        Path realRoot = packageRoot.toAbsolutePath().normalize().toRealPath();
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(source.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    link(file, target, source, realSource, realRoot);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void link(Path link, Path target, Path source, Path realSource, Path realRoot) throws IOException {
        Path pointsTo = Files.readSymbolicLink(link);
        Path real = realPath(link);
        boolean lexicallyInside = !pointsTo.isAbsolute()
                && link.getParent().resolve(pointsTo).normalize().startsWith(source);
        Files.deleteIfExists(target);
        if (lexicallyInside && (real == null || real.startsWith(realSource))) {
            Files.createSymbolicLink(target, pointsTo);
        } else if (real != null && real.startsWith(realRoot) && Files.isRegularFile(real)) {
            Files.copy(real, target, StandardCopyOption.REPLACE_EXISTING);
        } else {
            throw new SourceLinkException(link, pointsTo.toString(), reason(real, realRoot));
        }
    }

    private static String reason(Path real, Path realRoot) {
        if (real == null) {
            return "which does not exist";
        }
        if (!real.startsWith(realRoot)) {
            return "outside the package directory " + realRoot;
        }
        return "a directory outside the copied one";
    }

    private static Path realPath(Path link) throws IOException {
        try {
            return link.toRealPath();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            // a loop of links
            if (e.getMessage() != null && e.getMessage().contains("many levels")) {
                return null;
            }
            throw e;
        }
    }
}
