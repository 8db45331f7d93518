package dev.jackal.core.create;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where one {@code package create} builds, outside the output directory: {@code <cache>/tmp/create-*},
 * on the cache's file system so image blobs can be hard-linked in. The directory holds a {@code .lock}
 * file locked for the run's lifetime; the operating system drops the lock when the process dies, even
 * by {@code kill -9}, so the next run recognises and deletes areas of dead runs. A shutdown hook
 * deletes the area (and any output file being copied) on {@code SIGTERM} or Ctrl-C, and
 * {@link #publish} moves the finished files into the output directory all or nothing with respect to it.
 */
final class StagingArea implements AutoCloseable {

    static final String PREFIX = "create-";
    private static final String LOCK = ".lock";
    /** An area without a lock file is a run killed while creating it, once it is this old. */
    private static final Duration UNLOCKED_GRACE = Duration.ofMinutes(10);
    /**
     * Areas of this JVM: never opened by {@link #stale}, because closing any descriptor of a file drops
     * the process's POSIX locks on it.
     */
    private static final Set<Path> OWN = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel lockChannel;
    private final Thread hook;
    private final Set<Path> outputTemps = new HashSet<>();
    private boolean closed;

    private StagingArea(Path dir, FileChannel lockChannel) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.hook = new Thread(this::abandon, "jackal-create-cleanup");
    }

    /** Deletes the areas of dead runs under {@code root}, then makes and locks a new one. */
    static StagingArea create(Path root) throws IOException {
        Files.createDirectories(root);
        deleteStale(root);
        Path dir = Files.createTempDirectory(root, PREFIX);
        FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() == null) {
                throw new IOException("cannot lock " + dir.resolve(LOCK));
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            deleteQuietly(dir);
            throw e;
        }
        OWN.add(dir);
        StagingArea area = new StagingArea(dir, channel);
        Runtime.getRuntime().addShutdownHook(area.hook);
        return area;
    }

    Path dir() {
        return dir;
    }

    /** Creates an empty file in the output directory that the hook deletes, or refuses once the run is ending. */
    synchronized void beginOutput(Path temp) throws IOException {
        requireOpen();
        outputTemps.add(temp);
        Files.createFile(temp);
    }

    /** Runs {@code moves} (renames into the output directory) unless the run is ending; never halfway. */
    synchronized void finishOutput(IoAction moves) throws IOException {
        requireOpen();
        moves.run();
        outputTemps.clear();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down; the hook cleans up
        }
        abandon();
    }

    /** Deletes the area and any unfinished output file; later publishing is refused. */
    private synchronized void abandon() {
        if (closed) {
            return;
        }
        closed = true;
        for (Path temp : outputTemps) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // best effort while exiting
            }
        }
        outputTemps.clear();
        deleteQuietly(dir);
        try {
            lockChannel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
        OWN.remove(dir);
    }

    private void requireOpen() throws IOException {
        if (closed) {
            throw new IOException("package create is being stopped");
        }
    }

    private static void deleteStale(Path root) throws IOException {
        try (DirectoryStream<Path> areas = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path area : areas) {
                if (stale(area)) {
                    deleteQuietly(area);
                }
            }
        }
    }

    private static boolean stale(Path area) {
        if (OWN.contains(area)) {
            return false;
        }
        Path lock = area.resolve(LOCK);
        if (!Files.exists(lock)) {
            try {
                FileTime modified = Files.getLastModifiedTime(area);
                return modified.toInstant().isBefore(Instant.now().minus(UNLOCKED_GRACE));
            } catch (IOException e) {
                return false;
            }
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            return held != null; // released when the channel closes, before the area is deleted
        } catch (OverlappingFileLockException | IOException e) {
            return false;
        }
    }

    /** Deletes a tree, going on past entries that vanish or fail (another thread may still write). */
    static void deleteQuietly(Path root) {
        for (int pass = 0; pass < 3 && Files.exists(root); pass++) {
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path directory, IOException e) {
                        delete(directory);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                // try again
            }
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a directory that got a new entry meanwhile; the next pass takes it
        }
    }

    /** An I/O step run under the area's lock. */
    interface IoAction {
        void run() throws IOException;
    }
}
