package dev.jackal.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A {@link TarSink} over any output stream; file content passes through a fixed buffer. */
final class StreamSink implements TarSink {

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 18];

    StreamSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    @Override
    public void copy(Path file, long size) throws IOException {
        long remaining = size;
        try (InputStream in = Files.newInputStream(file)) {
            while (remaining > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read < 0) {
                    throw new IOException(file + " shrank while being archived");
                }
                out.write(buffer, 0, read);
                remaining -= read;
            }
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
