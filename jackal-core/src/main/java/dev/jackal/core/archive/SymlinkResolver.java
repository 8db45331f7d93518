package dev.jackal.core.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Follows a symbolic link target one segment at a time, through links already on disk, and tells
 * whether it stays inside a root directory. Segments that do not exist yet are taken literally.
 */
final class SymlinkResolver {

    private static final int MAX_HOPS = 40;

    private SymlinkResolver() {}

    /**
     * Whether {@code target}, read relative to {@code linkDir} (a real directory inside {@code root}
     * with no links among its ancestors below {@code root}), resolves inside {@code root}.
     */
    static boolean staysInside(Path root, Path linkDir, String target) throws IOException {
        if (!acceptable(target)) {
            return false;
        }
        Deque<String> pending = new ArrayDeque<>();
        push(pending, target);
        Path current = linkDir;
        int hops = 0;
        while (!pending.isEmpty()) {
            String segment = pending.pollFirst();
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (current.equals(root)) {
                    return false;
                }
                current = current.getParent();
                continue;
            }
            Path next = current.resolve(segment);
            if (Files.isSymbolicLink(next)) {
                String nested = Files.readSymbolicLink(next).toString();
                if (++hops > MAX_HOPS || !acceptable(nested)) {
                    return false;
                }
                push(pending, nested);
            } else {
                current = next;
            }
        }
        return true;
    }

    /** Whether {@code target}, read lexically relative to {@code linkDir}, stays inside {@code root}. */
    static boolean lexicallyInside(Path root, Path linkDir, String target) {
        return acceptable(target) && linkDir.resolve(target).normalize().startsWith(root);
    }

    private static boolean acceptable(String target) {
        return !target.isEmpty() && !target.startsWith("/") && target.indexOf('\\') < 0 && target.indexOf('\0') < 0;
    }

    private static void push(Deque<String> pending, String target) {
        String[] segments = target.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            pending.addFirst(segments[i]);
        }
    }
}
