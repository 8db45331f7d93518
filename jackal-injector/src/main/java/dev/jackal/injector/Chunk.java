package dev.jackal.injector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * One part of the payload archive: the bytes {@code [offset, offset + length)} of {@code archive}, carried by the
 * ConfigMap (and file) called {@code name}.
 */
public record Chunk(String name, Path archive, long offset, long length) {

    public Chunk {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(archive, "archive");
        if (offset < 0 || length <= 0 || length > SeedPayload.CHUNK_SIZE) {
            throw new IllegalArgumentException("bad chunk " + name + ": offset " + offset + ", length " + length);
        }
    }

    /** The chunk's bytes (at most {@value SeedPayload#CHUNK_SIZE}). */
    public byte[] read() {
        ByteBuffer buffer = ByteBuffer.allocate((int) length);
        try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new SeedPayloadException(
                            archive.toString(), "the payload archive " + archive + " is shorter than its chunks");
                }
            }
        } catch (IOException e) {
            throw new SeedPayloadException(
                    archive.toString(), "cannot read " + name + " from " + archive + ": " + e.getMessage(), e);
        }
        return buffer.array();
    }
}
