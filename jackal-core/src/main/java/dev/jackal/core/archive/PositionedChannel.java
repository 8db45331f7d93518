package dev.jackal.core.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Writes into a shared file channel from a fixed offset onwards, with positional writes, so several
 * writers can fill separate regions of one file at the same time. Closing it leaves the file open.
 */
final class PositionedChannel implements WritableByteChannel {

    private final FileChannel file;
    private long position;
    private boolean open = true;

    PositionedChannel(FileChannel file, long start) {
        this.file = file;
        this.position = start;
    }

    /** The offset the next byte goes to. */
    long position() {
        return position;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        int written = file.write(source, position);
        position += written;
        return written;
    }

    @Override
    public boolean isOpen() {
        return open && file.isOpen();
    }

    @Override
    public void close() {
        open = false;
    }
}
