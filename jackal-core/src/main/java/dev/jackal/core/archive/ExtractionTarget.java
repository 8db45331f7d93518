package dev.jackal.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The destination directory of one extraction. Creates entries only below its root, never through a
 * symbolic link, never over an existing entry, and checks every link it made once all are in place.
 */
final class ExtractionTarget {

    private final Path root;
    private final Path archive;
    private final boolean posix;
    private final byte[] buffer = new byte[1 << 18];
    private final Map<Path, String> symlinks = new LinkedHashMap<>();
    private final Map<Path, Integer> directoryModes = new LinkedHashMap<>();

    ExtractionTarget(Path root, Path archive) {
        this.root = root;
        this.archive = archive;
        this.posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    Path root() {
        return root;
    }

    void directory(String entry, String name, int mode) throws IOException {
        Path path = prepare(entry, name);
        BasicFileAttributes existing = attributes(path);
        if (existing == null) {
            Files.createDirectory(path);
        } else if (!existing.isDirectory() || existing.isSymbolicLink()) {
            throw refuse(entry, "it would replace an entry extracted earlier");
        }
        directoryModes.put(path, (mode & 0777) | 0700);
    }

    long file(String entry, String name, int mode, InputStream content, long size) throws IOException {
        Path path = prepare(entry, name);
        refuseExisting(entry, path);
        long copied = 0;
        try (OutputStream out = Files.newOutputStream(
                path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            for (int read = content.read(buffer); read >= 0; read = content.read(buffer)) {
                out.write(buffer, 0, read);
                copied += read;
            }
            if (copied != size) {
                throw new IOException("truncated after " + copied + " of " + size + " bytes");
            }
        } catch (IOException e) {
            Files.deleteIfExists(path);
            throw e;
        }
        setMode(path, (mode & 0777) | 0600);
        return copied;
    }

    void symlink(String entry, String name, String target) throws IOException {
        Path path = prepare(entry, name);
        refuseExisting(entry, path);
        if (!SymlinkResolver.staysInside(root, path.getParent(), target)) {
            throw refuse(entry, "symbolic link target '" + target + "' leaves the destination");
        }
        Files.createSymbolicLink(path, path.getFileSystem().getPath(target));
        symlinks.put(path, entry);
    }

    /** Re-checks every link against the final tree, then applies directory modes, deepest first. */
    void finish() throws IOException {
        for (Map.Entry<Path, String> link : symlinks.entrySet()) {
            String target = Files.readSymbolicLink(link.getKey()).toString();
            if (!SymlinkResolver.staysInside(root, link.getKey().getParent(), target)) {
                throw refuse(link.getValue(), "symbolic link target '" + target + "' leaves the destination");
            }
        }
        List<Path> directories = new ArrayList<>(directoryModes.keySet());
        directories.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path directory : directories) {
            setMode(directory, directoryModes.get(directory));
        }
    }

    UnsafeEntryException refuse(String entry, String reason) {
        return new UnsafeEntryException(archive, entry, reason);
    }

    /** The path for {@code name}, with every parent in place as a real directory (never a link). */
    private Path prepare(String entry, String name) throws IOException {
        String[] segments = name.split("/");
        Path path = root;
        for (int i = 0; i < segments.length - 1; i++) {
            path = path.resolve(segments[i]);
            BasicFileAttributes existing = attributes(path);
            if (existing == null) {
                Files.createDirectory(path);
            } else if (existing.isSymbolicLink()) {
                throw refuse(entry, "it would be written through the symbolic link '" + root.relativize(path) + "'");
            } else if (!existing.isDirectory()) {
                throw refuse(entry, "its parent '" + root.relativize(path) + "' is not a directory");
            }
        }
        return path.resolve(segments[segments.length - 1]);
    }

    private void refuseExisting(String entry, Path path) throws UnsafeEntryException {
        if (attributes(path) != null) {
            throw refuse(entry, "it would replace an entry extracted earlier");
        }
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    private void setMode(Path path, int mode) throws IOException {
        if (!posix) {
            return;
        }
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - permission.ordinal()))) != 0) {
                permissions.add(permission);
            }
        }
        Files.setPosixFilePermissions(path, permissions);
    }
}
