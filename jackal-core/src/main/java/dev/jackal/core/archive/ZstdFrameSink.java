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
 * One zstd frame, either compressed at a level or stored (raw blocks, no CPU spent on it). Frames
 * written one after the other form a valid zstd stream that any decoder reads as one. File content is
 * read straight into the direct buffer the encoder reads from. Memory is fixed: two direct buffers
 * plus what the zstd workers hold for their jobs. Nothing is written until the first byte arrives.
 */
final class ZstdFrameSink implements TarSink {

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
    private final ByteBuffer output;
    private final ByteBuffer blockHeader = ByteBuffer.allocate(3);
    private boolean started;
    private boolean closed;

    private ZstdFrameSink(WritableByteChannel out, ZstdCompressCtx ctx) {
        this.out = out;
        this.ctx = ctx;
        this.output = ctx == null ? null : ByteBuffer.allocateDirect(OUTPUT_BUFFER);
    }

    /** A frame compressed at {@code level} by {@code workers} threads, with a content checksum. */
    static ZstdFrameSink compressed(WritableByteChannel out, int level, int workers) {
        ZstdCompressCtx ctx = new ZstdCompressCtx();
        ctx.setLevel(level);
        ctx.setWorkers(workers);
        ctx.setChecksum(true);
        return new ZstdFrameSink(out, ctx);
    }

    /** A frame of raw blocks: content kept as it is, for data that is already compressed. */
    static ZstdFrameSink stored(WritableByteChannel out) {
        return new ZstdFrameSink(out, null);
    }

    /** The exact size of a stored frame holding {@code contentBytes} bytes (0 for none). */
    static long storedSize(long contentBytes) {
        if (contentBytes == 0) {
            return 0;
        }
        long blocks = (contentBytes + MAX_RAW_BLOCK - 1) / MAX_RAW_BLOCK;
        return STORED_FRAME_HEADER.length + contentBytes + 3 * blocks + LAST_EMPTY_BLOCK.length;
    }

    /** Whether any byte was written, i.e. whether this sink makes a frame. */
    boolean started() {
        return started;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        int offset = 0;
        while (offset < bytes.length) {
            start();
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
                start();
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

    /** Ends the frame (if one was started) and closes the channel. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (started) {
                drain(EndDirective.END);
                if (ctx == null) {
                    writeFully(ByteBuffer.wrap(LAST_EMPTY_BLOCK));
                }
            }
        } finally {
            if (ctx != null) {
                ctx.close();
            }
            out.close();
        }
    }

    private void start() throws IOException {
        if (!started) {
            started = true;
            if (ctx == null) {
                writeFully(ByteBuffer.wrap(STORED_FRAME_HEADER));
            }
        }
    }

    private void drainIfFull() throws IOException {
        if (!input.hasRemaining()) {
            drain(EndDirective.CONTINUE);
        }
    }

    private void drain(EndDirective directive) throws IOException {
        input.flip();
        if (ctx == null) {
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

    /** Blocks of exactly 128 KiB (the input buffer is a multiple), the last one shorter. */
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
