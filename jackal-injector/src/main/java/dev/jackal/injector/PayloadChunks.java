package dev.jackal.injector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The seed payload split for ConfigMaps: the SHA-256 of the whole archive (the injector's argument) and its
 * chunks in order, named {@code jackal-payload-000}, {@code -001}, ...
 */
public record PayloadChunks(String sha256, long size, List<Chunk> chunks) {

    public PayloadChunks {
        Objects.requireNonNull(sha256, "sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        chunks = List.copyOf(chunks);
    }

    /** Splits {@code archive} ({@code size} bytes) into chunks of {@value SeedPayload#CHUNK_SIZE} bytes. */
    static PayloadChunks split(Path archive, String sha256, long size) {
        long count = (size + SeedPayload.CHUNK_SIZE - 1) / SeedPayload.CHUNK_SIZE;
        if (count > SeedPayload.MAX_CHUNKS) {
            throw new SeedPayloadException(
                    archive.toString(),
                    "the seed payload is " + size + " bytes, more than " + SeedPayload.MAX_CHUNKS
                            + " ConfigMaps can carry; seed only the registry image");
        }
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long offset = (long) i * SeedPayload.CHUNK_SIZE;
            long length = Math.min(SeedPayload.CHUNK_SIZE, size - offset);
            chunks.add(new Chunk(String.format("%s%03d", SeedPayload.CHUNK_PREFIX, i), archive, offset, length));
        }
        return new PayloadChunks(sha256, size, chunks);
    }

    /** Writes every chunk as a file named like it into {@code directory}; returns the files in order. */
    public List<Path> writeParts(Path directory) {
        List<Path> files = new ArrayList<>();
        for (Chunk chunk : chunks) {
            Path file = directory.resolve(chunk.name());
            try {
                Files.write(file, chunk.read());
            } catch (IOException e) {
                throw new SeedPayloadException(file.toString(), "cannot write " + file + ": " + e.getMessage(), e);
            }
            files.add(file);
        }
        return files;
    }
}
