package dev.jackal.core.create;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where one {@code package create} builds, outside the output directory: {@code <cache>/tmp/create-<id>/},
 * on the cache's file system so image blobs can be hard-linked in. Beside it, {@code create-<id>.lock} is
 * created and locked before the directory and deleted after it, so a directory without its lock file is
 * always debris. The operating system drops the lock when the process dies, even by {@code kill -9}, so
 * the next run recognises and deletes areas of dead runs. A shutdown hook deletes the area (and any
 * output file being copied) on {@code SIGTERM} or Ctrl-C; {@link OutputPublisher} moves the finished files
 * into the output directory through {@link #finishOutput}, all or nothing with respect to the hook.
 */
final class StagingArea implements AutoCloseable {

    static final String PREFIX = "create-";
    private static final String LOCK = ".lock";
    /**
     * Lock files of this JVM's areas: never opened by a cleaner here, because closing any descriptor of a
     * file drops the process's POSIX locks on it.
     */
    private static final Set<Path> OWN = ConcurrentHashMap.newKeySet();

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final Path lockFile;
    private final FileChannel lockChannel;
    private final Thread hook;
    private final Set<Path> outputTemps = new HashSet<>();
    private boolean closed;

    private StagingArea(Path dir, Path lockFile, FileChannel lockChannel) {
        this.dir = dir;
        this.lockFile = lockFile;
        this.lockChannel = lockChannel;
        this.hook = new Thread(this::abandon, "jackal-create-cleanup");
    }

    /** Deletes the areas of dead runs under {@code root}, then makes and locks a new one. */
    static StagingArea create(Path root) throws IOException {
        Path absolute = Files.createDirectories(root.toAbsolutePath().normalize());
        deleteStale(absolute);
        for (int attempt = 0; ; attempt++) {
            Path lockFile = absolute.resolve(PREFIX + HexFormat.of().formatHex(token()) + LOCK);
            OWN.add(lockFile); // before it exists, so no cleaner in this JVM opens it
            try {
                Files.createFile(lockFile);
            } catch (FileAlreadyExistsException e) {
                OWN.remove(lockFile);
                continue;
            }
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
            try {
                // a cleaner may have taken the new file for a dead run's and deleted it: then take another
                if (channel.tryLock() != null && Files.exists(lockFile)) {
                    StagingArea area = new StagingArea(Files.createDirectory(areaOf(lockFile)), lockFile, channel);
                    Runtime.getRuntime().addShutdownHook(area.hook);
                    return area;
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                Files.deleteIfExists(lockFile);
                OWN.remove(lockFile);
                throw e;
            }
            channel.close();
            OWN.remove(lockFile);
            if (attempt >= 10) {
                throw new IOException("cannot lock a staging area in " + absolute);
            }
        }
    }

    private static byte[] token() {
        byte[] token = new byte[8];
        RANDOM.nextBytes(token);
        return token;
    }

    private static Path areaOf(Path lockFile) {
        String name = lockFile.getFileName().toString();
        return lockFile.resolveSibling(name.substring(0, name.length() - LOCK.length()));
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
            Files.deleteIfExists(lockFile);
            lockChannel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
        OWN.remove(lockFile);
    }

    private void requireOpen() throws IOException {
        if (closed) {
            throw new IOException("package create is being stopped");
        }
    }

    private static void deleteStale(Path root) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.endsWith(LOCK)) {
                    deleteIfDead(entry);
                } else if (!OWN.contains(entry.resolveSibling(name + LOCK))
                        && !Files.exists(entry.resolveSibling(name + LOCK))) {
                    deleteQuietly(entry); // left by a run that was stopped while deleting its area
                }
            }
        }
    }

    /** Deletes the area of {@code lockFile} and the file itself when no live process holds its lock. */
    private static void deleteIfDead(Path lockFile) {
        if (OWN.contains(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            if (channel.tryLock() != null) {
                deleteQuietly(areaOf(lockFile));
                Files.deleteIfExists(lockFile);
            }
        } catch (OverlappingFileLockException | IOException e) {
            // held here, or gone meanwhile: not ours to delete
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
