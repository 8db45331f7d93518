package dev.jackal.core.oci.image;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One entry of an image layer: a regular file copied from disk, a directory or a symbolic link, at an absolute
 * path inside the image, with its permission bits and owner. Build with {@link #file}, {@link #directory} or
 * {@link #symlink}; {@link #withOwner} changes the owner (0:0 by default).
 *
 * @param path the normalised path in the image without the leading {@code /}, e.g. {@code usr/bin/registry}
 * @param type what the entry is
 * @param source the file on disk for {@link Type#FILE}, else null
 * @param linkTarget the target of a {@link Type#SYMLINK}, else null
 * @param mode permission bits, e.g. {@code 0755}
 * @param uid owner user id
 * @param gid owner group id
 */
public record LayerEntry(String path, Type type, Path source, String linkTarget, int mode, int uid, int gid) {

    /** The kinds of entry a layer holds. */
    public enum Type {
        FILE,
        DIRECTORY,
        SYMLINK
    }

    public LayerEntry {
        path = normalise(path);
        Objects.requireNonNull(type, "type");
        if (type == Type.FILE) {
            Objects.requireNonNull(source, "source of " + path);
        }
        if (type == Type.SYMLINK && (linkTarget == null || linkTarget.isEmpty())) {
            throw new IllegalArgumentException("the symbolic link /" + path + " needs a target");
        }
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("mode " + Integer.toOctalString(mode) + " of /" + path);
        }
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("negative owner " + uid + ":" + gid + " of /" + path);
        }
    }

    /** The file {@code source} at {@code path} with {@code mode}, owned by 0:0. */
    public static LayerEntry file(Path source, String path, int mode) {
        return new LayerEntry(path, Type.FILE, source, null, mode, 0, 0);
    }

    /** A directory at {@code path} with {@code mode}, owned by 0:0. */
    public static LayerEntry directory(String path, int mode) {
        return new LayerEntry(path, Type.DIRECTORY, null, null, mode, 0, 0);
    }

    /** A symbolic link at {@code path} pointing to {@code target}, mode 0777, owned by 0:0. */
    public static LayerEntry symlink(String path, String target) {
        return new LayerEntry(path, Type.SYMLINK, null, target, 0777, 0, 0);
    }

    public LayerEntry withOwner(int newUid, int newGid) {
        return new LayerEntry(path, type, source, linkTarget, mode, newUid, newGid);
    }

    /** {@code /a//b/./c/} → {@code a/b/c}; refuses {@code ..} and the root itself. */
    static String normalise(String path) {
        Objects.requireNonNull(path, "path");
        StringBuilder out = new StringBuilder();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new IllegalArgumentException("a path in an image must not contain '..': " + path);
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        if (out.length() == 0) {
            throw new IllegalArgumentException("a layer entry needs a path below /, not \"" + path + "\"");
        }
        return out.toString();
    }
}
