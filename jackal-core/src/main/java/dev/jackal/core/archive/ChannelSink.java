package dev.jackal.core.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A {@link TarSink} writing a plain tar file; content moves file to file in the kernel. */
final class ChannelSink implements TarSink {

    private final FileChannel out;

    ChannelSink(FileChannel out) {
        this.out = out;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    @Override
    public void copy(Path file, long size) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = 0;
            while (position < size) {
                long moved = in.transferTo(position, size - position, out);
                if (moved == 0 && position >= in.size()) {
                    throw new IOException(file + " shrank while being archived");
                }
                position += moved;
            }
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
