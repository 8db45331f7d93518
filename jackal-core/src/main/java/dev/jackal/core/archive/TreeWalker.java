package dev.jackal.core.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lists a directory tree depth first, each directory's children sorted byte-wise by name (the order of
 * Go's {@code filepath.Walk}), without following symbolic links.
 */
final class TreeWalker {

    private static final Comparator<Path> BY_NAME_BYTES = (a, b) -> Arrays.compareUnsigned(
            a.getFileName().toString().getBytes(StandardCharsets.UTF_8),
            b.getFileName().toString().getBytes(StandardCharsets.UTF_8));

    private TreeWalker() {}

    /**
     * Everything below {@code root}, named {@code prefix/relative} (or {@code relative} with an empty
     * prefix). With a prefix, the root itself comes first, named {@code prefix}.
     */
    static List<SourceEntry> walk(Path root, String prefix) throws IOException {
        List<SourceEntry> entries = new ArrayList<>();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileSystemException(root.toString(), null, "not a directory");
        }
        if (!prefix.isEmpty()) {
            entries.add(describe(root, prefix));
        }
        walkChildren(root, prefix, entries);
        return entries;
    }

    private static void walkChildren(Path dir, String name, List<SourceEntry> entries) throws IOException {
        List<Path> children;
        try (Stream<Path> listing = Files.list(dir)) {
            children = listing.sorted(BY_NAME_BYTES).toList();
        }
        for (Path child : children) {
            String childName = child.getFileName().toString();
            String entryName = name.isEmpty() ? childName : name + "/" + childName;
            SourceEntry entry = describe(child, entryName);
            entries.add(entry);
            if (entry.kind() == SourceEntry.Kind.DIRECTORY) {
                walkChildren(child, entryName, entries);
            }
        }
    }

    private static SourceEntry describe(Path path, String name) throws IOException {
        BasicFileAttributes attributes =
                Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            return new SourceEntry(path, name, SourceEntry.Kind.SYMLINK, 0777, 0);
        }
        int mode = mode(path);
        if (attributes.isDirectory()) {
            return new SourceEntry(path, name, SourceEntry.Kind.DIRECTORY, mode, 0);
        }
        if (attributes.isRegularFile()) {
            return new SourceEntry(path, name, SourceEntry.Kind.FILE, mode, attributes.size());
        }
        throw new FileSystemException(path.toString(), null, "not a regular file, directory or symbolic link");
    }

    private static int mode(Path path) throws IOException {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.isDirectory(path) || Files.isExecutable(path) ? 0755 : 0644;
        }
        Set<PosixFilePermission> permissions = Files.readAttributes(
                        path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .permissions();
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return mode;
    }
}
