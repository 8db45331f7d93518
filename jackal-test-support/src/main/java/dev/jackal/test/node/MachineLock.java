package dev.jackal.test.node;

import dev.jackal.test.TestServiceException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * One real node per machine (kube-proxy owns the global {@code KUBE-*} chains, NodePorts are host-wide): a file
 * lock that a second JVM waits for. The kernel drops it when the JVM dies, so a lock that can be taken while
 * a run record exists means that run crashed.
 */
final class MachineLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private MachineLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static MachineLock acquire(Path file, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException sameJvm) {
                    channel.close();
                    throw new TestServiceException(
                            RealNode.SERVICE, "this JVM already runs a real node; use RealNodeExtension to share it");
                }
                if (lock != null) {
                    return new MachineLock(channel, lock);
                }
                if (Instant.now().isAfter(deadline)) {
                    channel.close();
                    throw new TestServiceException(
                            RealNode.SERVICE,
                            "another process has run a real node on this machine for more than " + wait.toMinutes()
                                    + " min (lock " + file + "); only one can run at a time");
                }
                Thread.sleep(500);
            }
        } catch (IOException e) {
            throw new TestServiceException(RealNode.SERVICE, "cannot lock " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestServiceException(RealNode.SERVICE, "interrupted while waiting for " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock goes with the channel or the JVM
        }
    }
}
