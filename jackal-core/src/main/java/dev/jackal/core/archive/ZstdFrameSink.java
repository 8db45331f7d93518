package dev.jackal.core.archive;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A zstd stream made of several frames, each either compressed at the configured level or stored
 * (raw blocks, no CPU spent). Any zstd decoder reads the concatenation as one stream. The caller picks
 * the mode between writes; a change of mode ends the current frame. File content is read straight into
 * a direct buffer the compressor reads from. Memory is fixed: two direct buffers plus what the zstd
 * workers hold for their jobs.
 */
final class ZstdFrameSink implements TarSink {

    /** How the bytes of the current frame are encoded. */
    enum Mode {
        COMPRESS,
        STORE
    }

    private static final int INPUT_BUFFER = 1 << 20;
    private static final int OUTPUT_BUFFER = 1 << 18;
    private static final int MAX_RAW_BLOCK = 128 * 1024;
    /** Magic, frame header descriptor (no content size, no checksum), window descriptor 128 KiB. */
    private static final byte[] STORED_FRAME_HEADER = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x00, 0x38};
    /** A raw block of size 0 with the last-block bit set. */
    private static final byte[] LAST_EMPTY_BLOCK = {0x01, 0x00, 0x00};

    private final WritableByteChannel out;
    private final ZstdCompressCtx ctx;
    private final ByteBuffer input = ByteBuffer.allocateDirect(INPUT_BUFFER);
    private final ByteBuffer output = ByteBuffer.allocateDirect(OUTPUT_BUFFER);
    private final ByteBuffer blockHeader = ByteBuffer.allocate(3);
    private Mode mode = Mode.COMPRESS;
    private boolean frameOpen;
    private boolean closed;
    private int compressedFrames;
    private int storedFrames;

    ZstdFrameSink(WritableByteChannel out, int level, int workers) {
        this.out = out;
        this.ctx = new ZstdCompressCtx();
        ctx.setLevel(level);
        ctx.setWorkers(workers);
        ctx.setChecksum(true);
    }

    /** Ends the current frame if the mode changes; later bytes go into a frame of {@code next} mode. */
    void switchTo(Mode next) throws IOException {
        if (next != mode) {
            endFrame();
            mode = next;
        }
    }

    Mode mode() {
        return mode;
    }

    int compressedFrames() {
        return compressedFrames;
    }

    int storedFrames() {
        return storedFrames;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        int offset = 0;
        while (offset < bytes.length) {
            openFrameIfNeeded();
            int chunk = Math.min(bytes.length - offset, input.remaining());
            input.put(bytes, offset, chunk);
            offset += chunk;
            drainIfFull();
        }
    }

    @Override
    public void copy(Path file, long size) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long remaining = size;
            while (remaining > 0) {
                openFrameIfNeeded();
                int limit = input.limit();
                input.limit((int) Math.min(limit, input.position() + remaining));
                int read = in.read(input);
                input.limit(limit);
                if (read < 0) {
                    throw new IOException(file + " shrank while being archived");
                }
                remaining -= read;
                drainIfFull();
            }
        }
    }

    /** Ends the last frame and closes the channel. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            endFrame();
        } finally {
            ctx.close();
            out.close();
        }
    }

    private void openFrameIfNeeded() throws IOException {
        if (frameOpen) {
            return;
        }
        frameOpen = true;
        if (mode == Mode.STORE) {
            writeFully(ByteBuffer.wrap(STORED_FRAME_HEADER));
            storedFrames++;
        } else {
            compressedFrames++;
        }
    }

    private void drainIfFull() throws IOException {
        if (!input.hasRemaining()) {
            drain(EndDirective.CONTINUE);
        }
    }

    private void endFrame() throws IOException {
        if (!frameOpen) {
            return;
        }
        drain(EndDirective.END);
        if (mode == Mode.STORE) {
            writeFully(ByteBuffer.wrap(LAST_EMPTY_BLOCK));
        }
        frameOpen = false;
    }

    private void drain(EndDirective directive) throws IOException {
        input.flip();
        if (mode == Mode.STORE) {
            writeRawBlocks();
        } else {
            boolean done;
            do {
                output.clear();
                done = ctx.compressDirectByteBufferStream(output, input, directive);
                output.flip();
                writeFully(output);
            } while (input.hasRemaining() || (directive != EndDirective.CONTINUE && !done));
        }
        input.clear();
    }

    private void writeRawBlocks() throws IOException {
        while (input.hasRemaining()) {
            int size = Math.min(MAX_RAW_BLOCK, input.remaining());
            blockHeader.clear();
            blockHeader.put((byte) (size << 3)).put((byte) (size >>> 5)).put((byte) (size >>> 13));
            blockHeader.flip();
            writeFully(blockHeader);
            writeFully(input.slice().limit(size));
            input.position(input.position() + size);
        }
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
